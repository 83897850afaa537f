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

    // Caller numbers in 北京, 上海 and 深圳, placed from their own numbers by the metadata, as the lease's picker does.
    private static readonly CallerNumber[] ThreeCities =
    [
        new CallerNumber("bj", "+861062345678").WithPlace(),
        new CallerNumber("sh", "+862162345678").WithPlace(),
        new CallerNumber("sz", "+8675512345678").WithPlace(),
    ];

    [Theory]
    [InlineData("+8613900285678", "bj")] // a Beijing mobile
    [InlineData("+8613900145678", "sh")] // a Shanghai mobile
    [InlineData("+8613902315678", "sz")] // a Shenzhen mobile
    [InlineData("+8613905815678", "bj")] // a Hangzhou mobile: no number there, the fallback's least used
    public void Mobiles_get_a_caller_number_from_their_home_city_by_the_stored_place(string callee, string expected)
    {
        var place = AutoDialer.Core.Import.PhoneNumberMetadata.Describe(callee);
        CallerNumberUsage[] usages = [Usage("bj", 1), Usage("sh", 2), Usage("sz", 3)];

        var chosen = Rotation.Choose(Request(ThreeCities, usages, callee: callee) with { CalleeProvince = place?.Province, CalleeCity = place?.City });

        Assert.Equal(expected, chosen?.Id);
    }

    [Fact]
    public void A_callee_from_a_city_without_a_number_gets_one_from_its_province()
    {
        CallerNumber[] numbers = [new("bj", "+861062345678", City: "北京市", Province: "北京市"), new("sz", "+8675512345678", City: "深圳市", Province: "广东省")];

        var chosen = Rotation.Choose(Request(numbers, [Usage("sz", 9)], callee: "+8613902000000") with { CalleeProvince = "广东省", CalleeCity = "广州市" });

        Assert.Equal("sz", chosen?.Id);
    }

    [Fact]
    public void A_city_the_user_set_wins_over_the_metadata()
    {
        var number = new CallerNumber("sz-pool", "+861062345678", City: "深圳市").WithPlace();

        Assert.Equal(("北京市", "深圳市"), (number.Province, number.City));
    }
}
