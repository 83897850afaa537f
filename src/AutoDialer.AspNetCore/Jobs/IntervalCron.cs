using System.Globalization;

namespace AutoDialer.AspNetCore.Jobs;

/// <summary>A fixed interval as a six-field cron (seconds first), which is how Hangfire schedules recurring jobs.</summary>
internal static class IntervalCron
{
    /// <summary>The divisors of 60 a cron step can express evenly (every n seconds of a minute, n minutes of an hour).</summary>
    private static readonly int[] Steps = [1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30, 60];

    /// <summary>
    /// Every <paramref name="interval"/>, rounded down to the nearest interval a cron repeats evenly: whole seconds that
    /// divide a minute or whole minutes that divide an hour (at least every second, at most every hour).
    /// </summary>
    public static string From(TimeSpan interval)
    {
        var seconds = Math.Max(1, (long)interval.TotalSeconds);
        if (seconds < 60)
        {
            var step = Steps.Last(s => s <= seconds);
            return step == 1 ? "* * * * * *" : $"*/{step.ToString(CultureInfo.InvariantCulture)} * * * * *";
        }
        var minutes = Steps.Last(s => s <= Math.Min(60, seconds / 60));
        return minutes switch
        {
            1 => "0 * * * * *",
            60 => "0 0 * * * *",
            _ => $"0 */{minutes.ToString(CultureInfo.InvariantCulture)} * * * *",
        };
    }
}
