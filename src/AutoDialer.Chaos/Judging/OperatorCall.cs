namespace AutoDialer.Chaos.Judging;

/// <summary>One API call the operator made: what, when it was sent, how long until the answer (its retries after 503
/// included), and why it failed (null when it succeeded).</summary>
internal sealed record OperatorCall(string Action, DateTimeOffset At, TimeSpan Took, string? Failure)
{
    /// <summary>An operator waiting longer than this for a pause, a do-not-call addition or a settings change is stalled.</summary>
    public static readonly TimeSpan StallAfter = TimeSpan.FromSeconds(5);

    public bool Stalled => Failure is not null || Took > StallAfter;
}
