using AutoDialer.Core.Dispatch;
using static AutoDialer.Core.Tests.Dispatch.Choices;

namespace AutoDialer.Core.Tests.Dispatch;

public class AnswerRateGuardTests
{
    private static readonly AnswerRateGuard Guard = new(window: 4, minAnswerRate: 0.5, restFor: TimeSpan.FromHours(3));

    [Theory]
    // Results are most recent last; 1 = answered.
    [InlineData("", false)]
    [InlineData("000", false)]     // too few to judge
    [InlineData("0000", true)]
    [InlineData("1000", true)]     // 25% < 50%
    [InlineData("1100", false)]    // exactly the threshold is acceptable
    [InlineData("0110", false)]
    [InlineData("1111000", true)]  // only the last four count
    [InlineData("0000011", false)]
    public void A_number_is_rested_when_its_recent_answer_rate_is_below_the_threshold(string results, bool rested)
    {
        var usage = Usage("a") with { RecentAnswered = results.Select(c => c == '1').ToArray() };

        Assert.Equal(rested ? Now.AddHours(3) : null, Guard.RestUntil(usage, Now));
    }

    [Fact]
    public void A_zero_threshold_never_rests()
    {
        var usage = Usage("a") with { RecentAnswered = new bool[50] };

        Assert.Null(new AnswerRateGuard(10, 0, TimeSpan.FromHours(1)).RestUntil(usage, Now));
    }

    [Theory]
    [InlineData(0, 0.5, 60)]
    [InlineData(5, -0.1, 60)]
    [InlineData(5, 1.1, 60)]
    [InlineData(5, double.NaN, 60)]
    [InlineData(5, 0.5, -1)]
    public void Nonsense_settings_are_refused(int window, double minAnswerRate, int restForMinutes)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new AnswerRateGuard(window, minAnswerRate, TimeSpan.FromMinutes(restForMinutes)));
    }
}
