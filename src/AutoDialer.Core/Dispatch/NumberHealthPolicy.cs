using AutoDialer.Core.Campaigns;

namespace AutoDialer.Core.Dispatch;

/// <summary>
/// When a caller number's recent calls show what carriers and phone apps act on (<see cref="CallerNumberHealthRules"/>):
/// besides an answer rate below <see cref="RotationPolicy.MinAnswerRate"/>, many very short answered calls (people hang
/// up on a number their phone labels as spam), many rejects, and agents' dispositions of complaints and wrong numbers
/// (the reports carriers and phone apps count). Judged over the same window of recent calls as the answer rate.
/// </summary>
internal sealed record NumberHealthPolicy
{
    public const int DefaultMinCalls = 10;
    public const int DefaultShortCallSeconds = 6;
    public const double DefaultMaxShortCallShare = 0.5;
    public const double DefaultMaxRejectShare = 0.3;
    public const int DefaultMaxComplaints = 1;
    public const int DefaultMaxWrongNumbers = 2;
    public const int MaxDispositionCount = 1000;

    /// <summary>Fewer recent calls than this and a number is not judged.</summary>
    /// <value>The default value is 10. The value must be 1 or greater.</value>
    public int MinCalls { get; init; } = DefaultMinCalls;

    /// <summary>An answered call that talked less than this many seconds is a short call.</summary>
    /// <value>The default value is 6. The value must be between 1 and 300.</value>
    public int ShortCallSeconds { get; init; } = DefaultShortCallSeconds;

    /// <summary>A number is flagged when more than this share of its answered calls are short.</summary>
    /// <value>The default value is 0.5. The value must be between 0 and 1; 1 turns the flag off.</value>
    public double MaxShortCallShare { get; init; } = DefaultMaxShortCallShare;

    /// <summary>A number is flagged when more than this share of its calls are rejected.</summary>
    /// <value>The default value is 0.3. The value must be between 0 and 1; 1 turns the flag off.</value>
    public double MaxRejectShare { get; init; } = DefaultMaxRejectShare;

    /// <summary>
    /// A number is flagged, and rested, when more of its recent calls than this were given a complaint disposition
    /// (a code with <c>complaint</c>). Counted however few calls it made.
    /// </summary>
    /// <value>The default value is 1. The value must be between 0 and 1000.</value>
    public int MaxComplaints { get; init; } = DefaultMaxComplaints;

    /// <summary>
    /// A number is flagged, and rested, when more of its recent calls than this were given a disposition whose effect is
    /// wrong number. Counted however few calls it made.
    /// </summary>
    /// <value>The default value is 2. The value must be between 0 and 1000.</value>
    public int MaxWrongNumbers { get; init; } = DefaultMaxWrongNumbers;

    /// <summary>Problems that make this policy unusable; empty when it is fine.</summary>
    public IReadOnlyList<SettingsError> Validate()
    {
        var errors = new List<SettingsError>();
        if (MinCalls < 1)
            errors.Add(new SettingsError("min_calls", $"Must be at least 1, not {MinCalls}."));
        if (ShortCallSeconds is < 1 or > 300)
            errors.Add(new SettingsError("short_call_seconds", $"Must be between 1 and 300, not {ShortCallSeconds}."));
        if (!(MaxShortCallShare is >= 0 and <= 1))
            errors.Add(new SettingsError("max_short_call_share", $"Must be between 0 and 1, not {MaxShortCallShare}."));
        if (!(MaxRejectShare is >= 0 and <= 1))
            errors.Add(new SettingsError("max_reject_share", $"Must be between 0 and 1, not {MaxRejectShare}."));
        if (MaxComplaints is < 0 or > MaxDispositionCount)
            errors.Add(new SettingsError("max_complaints", $"Must be between 0 and {MaxDispositionCount}, not {MaxComplaints}."));
        if (MaxWrongNumbers is < 0 or > MaxDispositionCount)
            errors.Add(new SettingsError("max_wrong_numbers", $"Must be between 0 and {MaxDispositionCount}, not {MaxWrongNumbers}."));
        return errors;
    }
}
