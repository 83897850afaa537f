using AutoDialer.Core.Dispatch;

namespace AutoDialer.Core.Tests.Dispatch;

public sealed class CallerNumberHealthRulesTests
{
    private static readonly NumberHealthPolicy Policy = new() { MinCalls = 10, MaxShortCallShare = 0.5, MaxRejectShare = 0.3, MaxComplaints = 1, MaxWrongNumbers = 2 };

    public static IEnumerable<object[]> Cases => new TheoryData<string, CallerNumberFigures, HealthFlag[]>
    {
        { "too few calls to judge", new CallerNumberFigures(9, 0, 0, 9), [] },
        { "healthy", new CallerNumberFigures(20, 10, 2, 3), [] },
        { "answer rate below the minimum", new CallerNumberFigures(20, 3, 0, 2), [HealthFlag.LowAnswerRate] },
        { "exactly at the limits is not over them", new CallerNumberFigures(20, 4, 2, 6), [] },
        { "most answered calls are short", new CallerNumberFigures(20, 10, 6, 0), [HealthFlag.ShortCalls] },
        { "many rejects", new CallerNumberFigures(20, 8, 0, 7), [HealthFlag.Rejects] },
        { "all three", new CallerNumberFigures(20, 2, 2, 10), [HealthFlag.LowAnswerRate, HealthFlag.ShortCalls, HealthFlag.Rejects] },
        { "nothing answered: no short-call share", new CallerNumberFigures(10, 0, 0, 0), [HealthFlag.LowAnswerRate] },
        { "complaints and wrong numbers at the maximum are not over it", new CallerNumberFigures(20, 10, 2, 3, 1, 2), [] },
        { "more complaints than the maximum", new CallerNumberFigures(20, 10, 2, 3, 2, 0), [HealthFlag.Complaints] },
        { "more wrong numbers than the maximum", new CallerNumberFigures(20, 10, 2, 3, 0, 3), [HealthFlag.WrongNumbers] },
        { "complaints count however few the calls", new CallerNumberFigures(2, 2, 0, 0, 2, 3), [HealthFlag.Complaints, HealthFlag.WrongNumbers] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    internal void Judges(string _, CallerNumberFigures figures, HealthFlag[] expected) =>
        Assert.Equal(expected, CallerNumberHealthRules.Judge(figures, minAnswerRate: 0.2, Policy));

    [Theory]
    [InlineData(null, false)]
    [InlineData(0, true)]
    [InlineData(5, true)]
    [InlineData(6, false)]
    public void A_short_call_is_an_answered_call_under_the_campaigns_seconds(int? talkSeconds, bool expected) =>
        Assert.Equal(expected, CallerNumberHealthRules.IsShortCall(talkSeconds, new NumberHealthPolicy()));

    [Fact]
    public void The_thresholds_are_validated_settings_with_stated_defaults()
    {
        var defaults = new NumberHealthPolicy();
        Assert.Equal((10, 6, 0.5, 0.3, 1, 2),
            (defaults.MinCalls, defaults.ShortCallSeconds, defaults.MaxShortCallShare, defaults.MaxRejectShare, defaults.MaxComplaints, defaults.MaxWrongNumbers));
        Assert.Empty(defaults.Validate());
        var errors = new RotationPolicy
        {
            Health = new NumberHealthPolicy { MinCalls = 0, ShortCallSeconds = 0, MaxShortCallShare = 1.5, MaxRejectShare = -0.1, MaxComplaints = -1, MaxWrongNumbers = 1001 },
        }.Validate();
        Assert.Equal(["health.min_calls", "health.short_call_seconds", "health.max_short_call_share", "health.max_reject_share", "health.max_complaints", "health.max_wrong_numbers"],
            errors.Select(e => e.Field));
    }

    [Theory]
    [InlineData(1, 2, false)]
    [InlineData(2, 0, true)]
    [InlineData(0, 3, true)]
    public void Complaints_or_wrong_numbers_past_the_maximum_rest_the_number_for_the_campaigns_rest(int complaints, int wrongNumbers, bool rests)
    {
        var now = new DateTimeOffset(2026, 12, 7, 2, 0, 0, TimeSpan.Zero);
        var rotation = new RotationPolicy { RestFor = TimeSpan.FromHours(3), Health = Policy };
        Assert.Equal(rests ? now.AddHours(3) : null, CallerNumberHealthRules.RestUntilAfterDispositions(complaints, wrongNumbers, rotation, now));
    }
}
