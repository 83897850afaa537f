using AutoDialer.Core.Reports;

namespace AutoDialer.Core.Tests.Reports;

public sealed class CallRatesTests
{
    [Theory]
    [InlineData(0, 0, null)]
    [InlineData(0, 5, 0.0)]
    [InlineData(2, 6, 0.3333)]
    [InlineData(2, 3, 0.6667)]
    [InlineData(1, 8, 0.125)]
    [InlineData(7, 7, 1.0)]
    public void The_answer_rate_is_answered_over_dials(long answered, long dials, double? expected) =>
        Assert.Equal(expected, CallRates.AnswerRate(answered, dials));

    [Theory]
    [InlineData(0, 0, null)]
    [InlineData(0, 3, 0.0)]
    [InlineData(100, 3, 33.3)]
    [InlineData(125, 2, 62.5)]
    [InlineData(5, 2, 2.5)]
    public void The_average_talk_time_is_over_answered_calls(long talk, long answered, double? expected) =>
        Assert.Equal(expected, CallRates.AverageTalkSeconds(talk, answered));
}
