using AutoDialer.Core.Dialing;
using Cronos;

namespace AutoDialer.Core.Tests.Dialing;

/// <summary>
/// A campaign's cron is written for Quartz and run by Hangfire (Cronos): the converted expression must fire at the very
/// instants Quartz's own parser says. Compared in zones without daylight saving, where the two agree by definition
/// (they treat a skipped or repeated hour differently, which no conversion of the text can change).
/// </summary>
public sealed class QuartzCronTests
{
    private static readonly DateTimeOffset From = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("0 0 2 * * ?")]
    [InlineData("0 30 1 ? * MON-FRI")]
    [InlineData("0 30 1 ? * 2-6")]         // Quartz: Monday to Friday (1 = Sunday)
    [InlineData("0 0 3 ? * 1")]            // Sunday
    [InlineData("0 0 3 ? * 7")]            // Saturday
    [InlineData("0 0 3 ? * 1,4,7")]
    [InlineData("0 0 3 ? * 2/3")]          // Monday, Thursday
    [InlineData("0 0 3 ? * */2")]          // Sunday, Tuesday, Thursday, Saturday
    [InlineData("0 0 3 ? * 6L")]           // the last Friday of the month
    [InlineData("0 0 3 ? * 2#1")]          // the first Monday of the month
    [InlineData("0 0 3 ? * L")]            // Saturday
    [InlineData("0 0/15 8-20 * * ?")]
    [InlineData("15 45 23 L * ?")]
    [InlineData("0 0 2 1,15 * ?")]
    [InlineData("0 0 2 ? JAN,JUL SUN")]
    [InlineData("0 0 2 * * ? *")]
    public void A_converted_cron_fires_when_Quartz_would(string quartz)
    {
        var conversion = QuartzCron.ToCronos(quartz);
        Assert.Null(conversion.Problem);
        var cronos = CronExpression.Parse(conversion.Cronos!, CronFormat.IncludeSeconds);
        foreach (var zoneId in new[] { "UTC", "Asia/Shanghai" })
        {
            var zone = TimeZoneInfo.FindSystemTimeZoneById(zoneId);
            var reference = new Quartz.CronExpression(quartz, zone);
            var expected = new List<DateTimeOffset>();
            var actual = new List<DateTimeOffset>();
            DateTimeOffset? q = From, c = From;
            for (var i = 0; i < 40; i++)
            {
                q = reference.GetNextValidTimeAfter(q!.Value);
                c = cronos.GetNextOccurrence(c!.Value, zone);
                expected.Add(q!.Value.ToUniversalTime());
                actual.Add(c!.Value.ToUniversalTime());
            }
            Assert.Equal(expected, actual);
        }
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
