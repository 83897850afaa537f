namespace AutoDialer.PostgreSql.Campaigns;

/// <summary>
/// How fast a campaign has been dialling lately, measured over its most recent attempts in the dialer's own clock
/// (which runs fast in an accelerated demo), and when its last attempt was made.
/// </summary>
internal sealed record DialingRate(int SampleAttempts, double AttemptsPerSecond, DateTimeOffset? LastAttemptAt)
{
    public static DialingRate None { get; } = new(0, 0, null);

    /// <summary>Seconds until <paramref name="remaining"/> contacts are dialled once each at this rate; null when not measurable.</summary>
    public double? SecondsFor(long remaining) =>
        remaining == 0 ? 0 : AttemptsPerSecond > 0 ? remaining / AttemptsPerSecond : null;
}
