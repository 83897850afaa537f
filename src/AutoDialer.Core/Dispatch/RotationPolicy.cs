using AutoDialer.Core.Campaigns;

namespace AutoDialer.Core.Dispatch;

/// <summary>How a campaign rotates its caller numbers and when it rests them.</summary>
internal sealed record RotationPolicy
{
    public RotationKind Kind { get; init; } = RotationKind.RoundRobin;

    /// <summary>
    /// Least time between two calls from one number (least used and local presence). None by default: with few
    /// numbers and many agents a cooldown leaves agents idle, so it is a deliberate choice.
    /// </summary>
    public TimeSpan Cooldown { get; init; } = TimeSpan.Zero;

    /// <summary>Calls a day for numbers that set no cap of their own; 0 = unlimited.</summary>
    public int DailyCap { get; init; }

    /// <summary>How many of a number's most recent calls its answer rate is judged on.</summary>
    public int AnswerRateWindow { get; init; } = 20;

    /// <summary>A number answered less often than this over the window is rested; 0 turns resting off.</summary>
    public double MinAnswerRate { get; init; } = 0.05;

    public TimeSpan RestFor { get; init; } = TimeSpan.FromHours(2);

    /// <summary>When a number is flagged as showing signs of being marked (short calls, rejects), over the same window.</summary>
    public NumberHealthPolicy Health { get; init; } = new();

    /// <summary>The rotation this policy describes.</summary>
    /// <param name="mobileToAreaCode">For local presence: the home area of a mobile number; may be null.</param>
    public ICallerNumberRotation Create(Func<string, string?>? mobileToAreaCode = null)
    {
        var eligibility = new CallerNumberEligibility(DailyCap);
        return Kind switch
        {
            RotationKind.RoundRobin => new RoundRobinRotation(eligibility),
            RotationKind.LeastUsed => new LeastUsedTodayRotation(Cooldown, eligibility),
            // Least used among the local numbers spreads calls over all of them instead of wearing out one.
            RotationKind.LocalPresence => new LocalPresenceRotation(new LeastUsedTodayRotation(Cooldown, eligibility), mobileToAreaCode),
            _ => throw new InvalidOperationException($"Rotation kind {(int)Kind} is not defined."),
        };
    }

    public AnswerRateGuard CreateAnswerRateGuard() => new(AnswerRateWindow, MinAnswerRate, RestFor);

    /// <summary>
    /// Whether a choice depends on how much the numbers were used (a daily cap, least used, a cooldown). Such choices,
    /// made at once on several nodes, must see each other's counts, so dispatch locks the numbers while it chooses.
    /// Round robin without caps needs only the shared cursor, and leases need not queue on the numbers.
    /// </summary>
    public bool ChoosesByUse(IReadOnlyList<CallerNumber> numbers) =>
        Kind != RotationKind.RoundRobin || DailyCap > 0 || numbers.Any(n => n.DailyCap > 0);

    /// <summary>Problems that make this policy unusable; empty when it is fine.</summary>
    public IReadOnlyList<SettingsError> Validate()
    {
        var errors = new List<SettingsError>();
        if (!Enum.IsDefined(Kind))
        {
            errors.Add(new SettingsError("kind", $"Rotation kind {(int)Kind} is not defined."));
        }

        if (Cooldown < TimeSpan.Zero)
        {
            errors.Add(new SettingsError("cooldown", $"Must not be negative, not {Cooldown}."));
        }

        if (DailyCap < 0)
        {
            errors.Add(new SettingsError("daily_cap", $"Must be 0 (unlimited) or more, not {DailyCap}."));
        }

        if (AnswerRateWindow < 1)
        {
            errors.Add(new SettingsError("answer_rate_window", $"Must be at least 1, not {AnswerRateWindow}."));
        }

        if (!(MinAnswerRate is >= 0 and <= 1))
        {
            errors.Add(new SettingsError("min_answer_rate", $"Must be between 0 and 1, not {MinAnswerRate}."));
        }

        if (RestFor < TimeSpan.Zero)
        {
            errors.Add(new SettingsError("rest_for", $"Must not be negative, not {RestFor}."));
        }

        if (Health is null)
            errors.Add(new SettingsError("health", "Required."));
        else
            errors.AddRange(Health.Validate().Select(error => error.Under("health")));

        return errors;
    }
}
