namespace AutoDialer.Core.Reports;

/// <summary>
/// The two rates a report shows for any group of dials (a day, an hour, an agent, a caller number): how many were
/// answered, and how long an answered call talked on average. Null where there is nothing to divide by, never 0 or NaN.
/// </summary>
internal static class CallRates
{
    /// <summary>Answered dials over all dials, 0–1, to 4 decimals; null without dials.</summary>
    public static double? AnswerRate(long answered, long dials) =>
        dials <= 0 ? null : Math.Round((double)answered / dials, 4, MidpointRounding.AwayFromZero);

    /// <summary>Talk time over answered calls, in seconds to 1 decimal; null without answered calls.</summary>
    public static double? AverageTalkSeconds(long talkSeconds, long answered) =>
        answered <= 0 ? null : Math.Round((double)talkSeconds / answered, 1, MidpointRounding.AwayFromZero);
}
