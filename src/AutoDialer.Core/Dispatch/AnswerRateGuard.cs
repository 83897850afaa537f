namespace AutoDialer.Core.Dispatch;

/// <summary>
/// Rests a caller number whose recent calls are mostly unanswered: carriers and phones flag numbers as spam, and a
/// flagged number keeps burning contacts' attempts.
/// </summary>
/// <remarks>
/// Start a fresh record of <see cref="CallerNumberUsage.RecentAnswered"/> when a number is rested, so that it is judged
/// on the calls made after its rest and not rested again at once by the same old results.
/// </remarks>
internal sealed class AnswerRateGuard
{
    /// <param name="window">How many of the most recent calls are judged; fewer than this and nothing is judged.</param>
    /// <param name="minAnswerRate">The lowest acceptable share of answered calls, 0–1.</param>
    /// <param name="restFor">How long a number rests.</param>
    public AnswerRateGuard(int window, double minAnswerRate, TimeSpan restFor)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(window, 1);
        if (!(minAnswerRate is >= 0 and <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(minAnswerRate), minAnswerRate, "Must be between 0 and 1.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(restFor, TimeSpan.Zero);
        Window = window;
        MinAnswerRate = minAnswerRate;
        RestFor = restFor;
    }

    public int Window { get; }

    public double MinAnswerRate { get; }

    public TimeSpan RestFor { get; }

    /// <summary>Until when the number should rest, or null when its answer rate is acceptable or not yet known.</summary>
    public DateTimeOffset? RestUntil(CallerNumberUsage usage, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(usage);
        var results = usage.RecentAnswered;
        if (results.Count < Window)
        {
            return null;
        }

        var answered = 0;
        for (var i = results.Count - Window; i < results.Count; i++)
        {
            if (results[i])
            {
                answered++;
            }
        }

        return (double)answered / Window < MinAnswerRate ? now + RestFor : null;
    }
}
