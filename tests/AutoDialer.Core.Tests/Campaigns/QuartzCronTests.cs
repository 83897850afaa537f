using System.Globalization;
using AutoDialer.Core.Campaigns;
using Cronos;

namespace AutoDialer.Core.Tests.Campaigns;

/// <summary>
/// A campaign's cron is written for Quartz and run by Hangfire (Cronos): the converted expression must fire at the very
/// instants Quartz does. The expected instants were computed by Quartz 4.7.3's own parser (<c>CronExpression</c>, in
/// Asia/Shanghai, from 2026-01-01T00:00Z) while Quartz was still referenced, and compared to the conversion there; Quartz
/// is gone, the table stays. A zone without daylight saving: there the two agree by definition (they treat a skipped or
/// repeated hour differently, which no conversion of the text can change).
/// </summary>
public sealed class QuartzCronTests
{
    private static readonly DateTimeOffset From = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    [Theory]
    [InlineData("0 0 2 * * ?", "2026-01-02 02:00:00, 2026-01-03 02:00:00, 2026-01-04 02:00:00, 2026-01-05 02:00:00, 2026-01-06 02:00:00, 2026-01-07 02:00:00")]
    [InlineData("0 30 1 ? * MON-FRI", "2026-01-02 01:30:00, 2026-01-05 01:30:00, 2026-01-06 01:30:00, 2026-01-07 01:30:00, 2026-01-08 01:30:00, 2026-01-09 01:30:00")]
    [InlineData("0 30 1 ? * 2-6", "2026-01-02 01:30:00, 2026-01-05 01:30:00, 2026-01-06 01:30:00, 2026-01-07 01:30:00, 2026-01-08 01:30:00, 2026-01-09 01:30:00")]
    [InlineData("0 0 3 ? * 1", "2026-01-04 03:00:00, 2026-01-11 03:00:00, 2026-01-18 03:00:00, 2026-01-25 03:00:00, 2026-02-01 03:00:00, 2026-02-08 03:00:00")]
    [InlineData("0 0 3 ? * 7", "2026-01-03 03:00:00, 2026-01-10 03:00:00, 2026-01-17 03:00:00, 2026-01-24 03:00:00, 2026-01-31 03:00:00, 2026-02-07 03:00:00")]
    [InlineData("0 0 3 ? * 1,4,7", "2026-01-03 03:00:00, 2026-01-04 03:00:00, 2026-01-07 03:00:00, 2026-01-10 03:00:00, 2026-01-11 03:00:00, 2026-01-14 03:00:00")]
    [InlineData("0 0 3 ? * 2/3", "2026-01-05 03:00:00, 2026-01-08 03:00:00, 2026-01-12 03:00:00, 2026-01-15 03:00:00, 2026-01-19 03:00:00, 2026-01-22 03:00:00")]
    [InlineData("0 0 3 ? * */2", "2026-01-03 03:00:00, 2026-01-04 03:00:00, 2026-01-06 03:00:00, 2026-01-08 03:00:00, 2026-01-10 03:00:00, 2026-01-11 03:00:00")]
    [InlineData("0 0 3 ? * 6L", "2026-01-30 03:00:00, 2026-02-27 03:00:00, 2026-03-27 03:00:00, 2026-04-24 03:00:00, 2026-05-29 03:00:00, 2026-06-26 03:00:00")]
    [InlineData("0 0 3 ? * 2#1", "2026-01-05 03:00:00, 2026-02-02 03:00:00, 2026-03-02 03:00:00, 2026-04-06 03:00:00, 2026-05-04 03:00:00, 2026-06-01 03:00:00")]
    [InlineData("0 0 3 ? * L", "2026-01-03 03:00:00, 2026-01-10 03:00:00, 2026-01-17 03:00:00, 2026-01-24 03:00:00, 2026-01-31 03:00:00, 2026-02-07 03:00:00")]
    [InlineData("0 0/15 8-20 * * ?", "2026-01-01 08:15:00, 2026-01-01 08:30:00, 2026-01-01 08:45:00, 2026-01-01 09:00:00, 2026-01-01 09:15:00, 2026-01-01 09:30:00")]
    [InlineData("15 45 23 L * ?", "2026-01-31 23:45:15, 2026-02-28 23:45:15, 2026-03-31 23:45:15, 2026-04-30 23:45:15, 2026-05-31 23:45:15, 2026-06-30 23:45:15")]
    [InlineData("0 0 2 1,15 * ?", "2026-01-15 02:00:00, 2026-02-01 02:00:00, 2026-02-15 02:00:00, 2026-03-01 02:00:00, 2026-03-15 02:00:00, 2026-04-01 02:00:00")]
    [InlineData("0 0 2 ? JAN,JUL SUN", "2026-01-04 02:00:00, 2026-01-11 02:00:00, 2026-01-18 02:00:00, 2026-01-25 02:00:00, 2026-07-05 02:00:00, 2026-07-12 02:00:00")]
    [InlineData("0 0 2 * * ? *", "2026-01-02 02:00:00, 2026-01-03 02:00:00, 2026-01-04 02:00:00, 2026-01-05 02:00:00, 2026-01-06 02:00:00, 2026-01-07 02:00:00")]
    public void A_converted_cron_fires_when_Quartz_would(string quartz, string quartzFirings)
    {
        var conversion = QuartzCron.ToCronos(quartz);
        Assert.Null(conversion.Problem);
        var cronos = CronExpression.Parse(conversion.Cronos!, CronFormat.IncludeSeconds);
        var actual = new List<string>();
        DateTimeOffset at = From;
        foreach (var _ in quartzFirings.Split(", "))
        {
            at = cronos.GetNextOccurrence(at, Shanghai)!.Value;
            actual.Add(TimeZoneInfo.ConvertTime(at, Shanghai).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture));
        }
        Assert.Equal(quartzFirings, string.Join(", ", actual));
    }

    [Theory]
    [InlineData("0 2 * * *")]              // Unix cron: no seconds
    [InlineData("0 0 2 * * MON")]          // both day fields set
    [InlineData("0 0 2 L * ? 2030")]       // a year: the batch repeats every year
    [InlineData("0 0 2 ? * 8")]            // no eighth day
    [InlineData("0 0 2 ? * 0")]            // Quartz has no day 0
    [InlineData("0 0 25 * * ?")]           // no 25th hour
    [InlineData("0 61 2 * * ?")]
    public void A_cron_Hangfire_cannot_run_the_same_way_is_refused_with_a_reason(string quartz)
    {
        var conversion = QuartzCron.ToCronos(quartz);
        Assert.Null(conversion.Cronos);
        Assert.False(string.IsNullOrWhiteSpace(conversion.Problem));
    }
}
