using AutoDialer.Core.Dispatch;
using NSubstitute;
using static AutoDialer.Core.Tests.Dispatch.Choices;

namespace AutoDialer.Core.Tests.Dispatch;

public class LocalPresenceRotationTests
{
    private static readonly CallerNumber Beijing = Number("bj", "010");
    private static readonly CallerNumber Shanghai = Number("sh", "021");
    private static readonly CallerNumber Shenzhen1 = Number("sz1", "0755");
    private static readonly CallerNumber Shenzhen2 = Number("sz2", "755");
    private static readonly CallerNumber NoArea = Number("any");
    private static readonly CallerNumber[] All = [NoArea, Beijing, Shanghai, Shenzhen1, Shenzhen2];

    private static readonly LocalPresenceRotation Rotation = new(
        new LeastUsedTodayRotation(TimeSpan.Zero),
        mobile => mobile.StartsWith("+86138", StringComparison.Ordinal) ? "0755" : null);

    [Theory]
    [InlineData("+861062345678", "bj")]
    [InlineData("+862187654321", "sh")]
    [InlineData("+8675512345678", "sz1")]
    [InlineData("+8613800138000", "sz1")] // mobile whose home area is looked up
    public void A_number_from_the_callees_area_is_preferred(string callee, string expected)
    {
        // The fallback's own favourite ("any", least used) is not local.
        CallerNumberUsage[] usages = [Usage("bj", 9), Usage("sh", 9), Usage("sz1", 9), Usage("sz2", 9)];

        Assert.Equal(expected, Rotation.Choose(Request(All, usages, callee: callee))?.Id);
    }

    [Fact]
    public void The_fallback_chooses_among_the_local_numbers()
    {
        var chosen = Rotation.Choose(Request(All, [Usage("sz1", 3), Usage("sz2", 1)], callee: "+8675512345678"));

        Assert.Equal("sz2", chosen?.Id);
    }

    [Theory]
    [InlineData("+8657187654321")] // no number in Hangzhou
    [InlineData("+8619912345678")] // mobile the lookup does not know
    [InlineData("+14155550100")]   // not a Chinese number
    public void Without_a_local_number_the_fallback_chooses_among_all(string callee)
    {
        var chosen = Rotation.Choose(Request(All, [Usage("any", 5), Usage("bj", 1), Usage("sh", 2), Usage("sz1", 3), Usage("sz2", 4)], callee: callee));

        Assert.Equal("bj", chosen?.Id);
    }

    [Fact]
    public void Ineligible_local_numbers_fall_back_to_the_others()
    {
        var rotation = new LocalPresenceRotation(new RoundRobinRotation(new CallerNumberEligibility(DefaultDailyCap: 5)));
        CallerNumberUsage[] usages = [Usage("sz1", restedFor: TimeSpan.FromHours(1)), Usage("sz2", usedToday: 5)];

        var chosen = rotation.Choose(Request([Shenzhen1, Shenzhen2, Beijing], usages, callee: "+8675512345678"));

        Assert.Equal("bj", chosen?.Id);
    }

    [Fact]
    public void Without_a_mobile_lookup_mobiles_go_straight_to_the_fallback()
    {
        var fallback = Substitute.For<ICallerNumberRotation>();
        fallback.Choose(Arg.Any<CallerNumberChoice>()).Returns(NoArea);
        var request = Request(All, callee: "+8613800138000");

        var chosen = new LocalPresenceRotation(fallback).Choose(request);

        Assert.Same(NoArea, chosen);
        fallback.Received(1).Choose(Arg.Any<CallerNumberChoice>());
        fallback.Received(1).Choose(request);
    }

    [Fact]
    public void The_fallback_is_offered_only_the_local_numbers_first()
    {
        var fallback = Substitute.For<ICallerNumberRotation>();
        fallback.Choose(Arg.Is<CallerNumberChoice>(r => r.Numbers.Count == 1)).Returns(Beijing);

        var chosen = new LocalPresenceRotation(fallback).Choose(Request(All, callee: "+861062345678"));

        Assert.Same(Beijing, chosen);
        fallback.Received(1).Choose(Arg.Is<CallerNumberChoice>(r => r.Numbers.Single() == Beijing));
        fallback.DidNotReceive().Choose(Arg.Is<CallerNumberChoice>(r => r.Numbers.Count != 1));
    }

    [Fact]
    public void No_number_when_none_at_all_is_eligible()
    {
        var usages = All.Select(n => Usage(n.Id, restedFor: TimeSpan.FromMinutes(30)));

        Assert.Null(Rotation.Choose(Request(All, usages, callee: "+861062345678")));
    }
}
