namespace AutoDialer.Core.Campaigns.SetUp;

/// <summary>
/// The words of "why isn't it dialling?" for what holds a whole campaign back (<see cref="SetUpFault.Code"/>), as the API
/// returns them and the dashboard translates them.
/// </summary>
internal static class SetUpFaultCodes
{
    /// <summary>The campaign names no agents (<c>agent_ids</c> is empty).</summary>
    public const string NoAgentsAssigned = "no_agents_assigned";

    /// <summary>No dialling node of the installation serves the campaign's <c>provider_account</c>.</summary>
    public const string ProviderAccountNotConfigured = "provider_account_not_configured";

    /// <summary>The account's make-call circuit is open on a node: dispatch for it is paused there.</summary>
    public const string ProviderCircuitOpen = "provider_circuit_open";

    /// <summary>None of the campaign's agents has a workbench page connected, on any node.</summary>
    public const string NoAgentConnected = "no_agent_connected";

    /// <summary>Pages are connected, but every one says its agent cannot take a call (busy, on a break, not registered, …).</summary>
    public const string AgentsNotReady = "agents_not_ready";

    /// <summary>The rotation chooses among caller numbers (least used, local presence), and the campaign has none.</summary>
    public const string NoCallerNumbers = "no_caller_numbers";

    /// <summary>
    /// Every make-call of the last <see cref="SetUpDiagnosis.MakeCallWindow"/> that the vendor answered was refused, at
    /// least <see cref="SetUpDiagnosis.MakeCallFailureFloor"/> of them: a caller number the agent may not use, an account
    /// without credit, … (<see cref="SetUpFault.FailedByCode"/> says which codes).
    /// </summary>
    public const string MakeCallsFailing = "make_calls_failing";

    /// <summary>Now is outside the calling windows, in the campaign's zone.</summary>
    public const string OutsideWindow = "outside_window";

    /// <summary>Today is one of the campaign's blackout dates.</summary>
    public const string Blackout = "blackout";

    /// <summary>Today is a day off of the holiday calendar the campaign follows.</summary>
    public const string Holiday = "holiday";

    /// <summary>The holiday calendar's data ends within <see cref="Holidays.HolidayCalendar.WarningDays"/> days.</summary>
    public const string HolidayCalendarEnding = "holiday_calendar_ending";

    /// <summary>The holiday calendar's data has ended: the windows alone decide.</summary>
    public const string HolidayCalendarEnded = "holiday_calendar_ended";
}
