namespace AutoDialer.Core.Campaigns.SetUp;

/// <summary>
/// Something that holds a whole campaign back (or soon will), and the settings section that fixes it. The optional
/// members say more where the code has more to say; the others are null.
/// </summary>
/// <param name="Code">One of <see cref="SetUpFaultCodes"/>.</param>
/// <param name="Section">One of <see cref="SettingsSections"/>: where to fix it.</param>
internal sealed record SetUpFault(string Code, string Section)
{
    /// <summary>The provider account concerned (<c>provider_account_not_configured</c>, <c>provider_circuit_open</c>).</summary>
    public string? ProviderAccount { get; init; }

    /// <summary>Why a circuit opened.</summary>
    public string? Reason { get; init; }

    /// <summary>Agents assigned (<c>no_agent_connected</c>, <c>agents_not_ready</c>).</summary>
    public int? Assigned { get; init; }

    /// <summary>Of them, with a page connected on any node (<c>agents_not_ready</c>).</summary>
    public int? Connected { get; init; }

    /// <summary>The connected agents that cannot take a call, by why (<c>busy</c>, <c>on-break</c>, <c>not-registered</c>, …).</summary>
    public IReadOnlyDictionary<string, int>? NotReady { get; init; }

    /// <summary>The vendor's refusals of the recent make-calls, by code (<c>make_calls_failing</c>).</summary>
    public IReadOnlyDictionary<string, int>? FailedByCode { get; init; }

    /// <summary>The rotation that needs caller numbers (<c>no_caller_numbers</c>).</summary>
    public string? Rotation { get; init; }

    /// <summary>When the schedule opens next (<c>outside_window</c>, <c>blackout</c>, <c>holiday</c>); null when not within two weeks.</summary>
    public DateTimeOffset? NextOpening { get; init; }

    /// <summary>The holiday's name (<c>holiday</c>).</summary>
    public string? HolidayNameZh { get; init; }

    public string? HolidayNameEn { get; init; }

    /// <summary>The calendar concerned and the last date it has data for (<c>holiday</c>, <c>holiday_calendar_ending</c>, <c>holiday_calendar_ended</c>).</summary>
    public string? Calendar { get; init; }

    public DateOnly? CoveredUntil { get; init; }
}
