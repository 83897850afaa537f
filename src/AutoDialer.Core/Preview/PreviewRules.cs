namespace AutoDialer.Core.Preview;

/// <summary>
/// The decisions of preview mode, as pure functions: whether an offer may be skipped, and what its end does. A skip the
/// offer did not allow never reaches <see cref="Resolve"/> (the session refuses it and the countdown runs on); the
/// countdown's end does what the campaign says; a page that went away gives its contact back, due at once.
/// </summary>
internal static class PreviewRules
{
    /// <summary>Whether an agent who skipped <paramref name="skipsToday"/> contacts today may skip this one.</summary>
    public static bool SkipAllowed(PreviewPolicy policy, int skipsToday)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return policy.SkipAllowed && (policy.MaxSkipsPerAgentPerDay == 0 || skipsToday < policy.MaxSkipsPerAgentPerDay);
    }

    /// <param name="now">When the offer ended.</param>
    public static PreviewOutcome Resolve(PreviewAnswer answer, PreviewPolicy policy, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return answer switch
        {
            PreviewAnswer.Dial => PreviewOutcome.DialNow,
            PreviewAnswer.Skip => new PreviewOutcome.Release(now + policy.SkippedDueAfter, CountsAsSkip: true),
            PreviewAnswer.TimedOut when policy.OnTimeout == PreviewTimeoutAction.Dial => PreviewOutcome.DialNow,
            PreviewAnswer.TimedOut => new PreviewOutcome.Release(now + policy.SkippedDueAfter, CountsAsSkip: false),
            PreviewAnswer.Lost => new PreviewOutcome.Release(now, CountsAsSkip: false),
            _ => throw new ArgumentOutOfRangeException(nameof(answer), answer, "Not a defined preview answer."),
        };
    }
}
