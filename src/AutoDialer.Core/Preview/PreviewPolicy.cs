using AutoDialer.Core.Campaigns;

namespace AutoDialer.Core.Preview;

/// <summary>A preview campaign's offers: how long the agent has, what the countdown's end does, and whether and how often an agent may skip.</summary>
internal sealed record PreviewPolicy
{
    public static readonly TimeSpan MinTimeout = TimeSpan.FromSeconds(5);
    public static readonly TimeSpan MaxTimeout = TimeSpan.FromMinutes(10);
    public const int MaxSkipsLimit = 10_000;

    /// <summary>The countdown: how long the contact is offered before <see cref="OnTimeout"/> decides.</summary>
    /// <value>The default value is 30 seconds. The value must be between 5 seconds and 10 minutes.</value>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>What the countdown's end does. The default value is <see cref="PreviewTimeoutAction.Dial"/>.</summary>
    public PreviewTimeoutAction OnTimeout { get; init; } = PreviewTimeoutAction.Dial;

    /// <summary>Whether the agent may skip a contact. The default value is true.</summary>
    public bool SkipAllowed { get; init; } = true;

    /// <summary>How many contacts one agent may skip in a day of the campaign's zone; 0 = no limit.</summary>
    /// <value>The default value is 0. The value must be between 0 and 10,000.</value>
    public int MaxSkipsPerAgentPerDay { get; init; }

    /// <summary>How long after a skip (the agent's, or the countdown's) the contact is due again.</summary>
    /// <value>The default value is 15 minutes. The value must be between 0 and 7 days.</value>
    public TimeSpan SkippedDueAfter { get; init; } = TimeSpan.FromMinutes(15);

    public IReadOnlyList<SettingsError> Validate()
    {
        var errors = new List<SettingsError>();
        if (Timeout < MinTimeout || Timeout > MaxTimeout)
            errors.Add(new SettingsError("timeout", $"Must be between {MinTimeout} and {MaxTimeout}, not {Timeout}."));
        if (!Enum.IsDefined(OnTimeout))
            errors.Add(new SettingsError("on_timeout", $"{(int)OnTimeout} is not dial or skip."));
        if (MaxSkipsPerAgentPerDay is < 0 or > MaxSkipsLimit)
            errors.Add(new SettingsError("max_skips_per_agent_per_day", $"Must be between 0 (no limit) and {MaxSkipsLimit}, not {MaxSkipsPerAgentPerDay}."));
        if (SkippedDueAfter < TimeSpan.Zero || SkippedDueAfter > TimeSpan.FromDays(7))
            errors.Add(new SettingsError("skipped_due_after", $"Must be between 00:00:00 and 7.00:00:00, not {SkippedDueAfter}."));
        return errors;
    }
}
