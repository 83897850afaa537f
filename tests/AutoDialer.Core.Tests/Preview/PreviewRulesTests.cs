using AutoDialer.Core.Preview;

namespace AutoDialer.Core.Tests.Preview;

/// <summary>Preview mode's decisions: dial, skip, the countdown's end as configured, a page gone.</summary>
public class PreviewRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 10, 0, 0, TimeSpan.FromHours(8));
    private static readonly PreviewPolicy Policy = new() { SkippedDueAfter = TimeSpan.FromMinutes(15) };

    public static IEnumerable<object[]> Table() => new TheoryData<PreviewAnswer, PreviewTimeoutAction, PreviewOutcome>()
    {
        { PreviewAnswer.Dial, PreviewTimeoutAction.Skip, PreviewOutcome.DialNow },
        { PreviewAnswer.Skip, PreviewTimeoutAction.Dial, new PreviewOutcome.Release(Now.AddMinutes(15), CountsAsSkip: true) },
        { PreviewAnswer.TimedOut, PreviewTimeoutAction.Dial, PreviewOutcome.DialNow },
        { PreviewAnswer.TimedOut, PreviewTimeoutAction.Skip, new PreviewOutcome.Release(Now.AddMinutes(15), CountsAsSkip: false) },
        { PreviewAnswer.Lost, PreviewTimeoutAction.Dial, new PreviewOutcome.Release(Now, CountsAsSkip: false) },
    };

    [Theory]
    [MemberData(nameof(Table))]
    internal void An_offer_ends_as_the_table_says(PreviewAnswer answer, PreviewTimeoutAction onTimeout, PreviewOutcome outcome)
    {
        Assert.Equal(outcome, PreviewRules.Resolve(answer, Policy with { OnTimeout = onTimeout }, Now));
    }

    [Theory]
    [InlineData(true, 0, 500, true)]
    [InlineData(true, 3, 2, true)]
    [InlineData(true, 3, 3, false)]
    [InlineData(false, 0, 0, false)]
    public void A_skip_is_allowed_as_the_campaign_says(bool allowed, int maxPerDay, int skipsToday, bool expected)
    {
        Assert.Equal(expected, PreviewRules.SkipAllowed(Policy with { SkipAllowed = allowed, MaxSkipsPerAgentPerDay = maxPerDay }, skipsToday));
    }
}
