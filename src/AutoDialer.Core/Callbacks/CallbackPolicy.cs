using AutoDialer.Core.Campaigns;

namespace AutoDialer.Core.Callbacks;

/// <summary>
/// A campaign's rules for owned callbacks: a callback is dialled at its time to the agent who asked for it; after
/// <see cref="OwnerGrace"/> any agent of the campaign may take it. It passes the same dial gate as every call (do-not-call,
/// window, frequency caps), with <see cref="ExtraAttempts"/> beyond the contact's budget and per-day cap.
/// </summary>
internal sealed record CallbackPolicy
{
    public const int MaxExtraAttempts = 10;

    /// <summary>How long a due callback waits for its owner before any agent of the campaign may take it.</summary>
    /// <value>The default value is 10 minutes. The value must be between 0 and 1 day.</value>
    public TimeSpan OwnerGrace { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Attempts a callback may use beyond <c>retry.max_attempts</c> and <c>retry.max_attempts_per_day</c>: the customer
    /// asked to be called. 0: a callback is an attempt like any other, refused by the gate once the budget is spent.
    /// </summary>
    /// <value>The default value is 1. The value must be between 0 and 10.</value>
    public int ExtraAttempts { get; init; } = 1;

    /// <summary>How far ahead a callback may be asked for.</summary>
    /// <value>The default value is 30 days. The value must be between 1 minute and 366 days.</value>
    public TimeSpan MaxAhead { get; init; } = TimeSpan.FromDays(30);

    public static readonly TimeSpan MaxOwnerGrace = TimeSpan.FromDays(1);

    public IReadOnlyList<SettingsError> Validate()
    {
        var errors = new List<SettingsError>();
        if (OwnerGrace < TimeSpan.Zero || OwnerGrace > MaxOwnerGrace)
            errors.Add(new SettingsError("owner_grace", $"Must be between 00:00:00 and {MaxOwnerGrace}, not {OwnerGrace}."));
        if (ExtraAttempts is < 0 or > MaxExtraAttempts)
            errors.Add(new SettingsError("extra_attempts", $"Must be between 0 and {MaxExtraAttempts}, not {ExtraAttempts}."));
        if (MaxAhead < TimeSpan.FromMinutes(1) || MaxAhead > TimeSpan.FromDays(366))
            errors.Add(new SettingsError("max_ahead", $"Must be between 00:01:00 and 366.00:00:00, not {MaxAhead}."));
        return errors;
    }
}
