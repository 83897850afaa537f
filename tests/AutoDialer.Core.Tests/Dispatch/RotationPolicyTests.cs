using AutoDialer.Core.Dispatch;
using static AutoDialer.Core.Tests.Dispatch.Choices;

namespace AutoDialer.Core.Tests.Dispatch;

public class RotationPolicyTests
{
    [Theory]
    [InlineData(RotationKind.RoundRobin, typeof(RoundRobinRotation))]
    [InlineData(RotationKind.LeastUsed, typeof(LeastUsedTodayRotation))]
    [InlineData(RotationKind.LocalPresence, typeof(LocalPresenceRotation))]
    internal void Create_builds_the_rotation_of_its_kind(RotationKind kind, Type expected)
    {
        Assert.IsType(expected, new RotationPolicy { Kind = kind }.Create(), exactMatch: true);
    }

    [Theory]
    [InlineData(RotationKind.RoundRobin)]
    [InlineData(RotationKind.LeastUsed)]
    [InlineData(RotationKind.LocalPresence)]
    internal void Every_rotation_applies_the_default_daily_cap_to_numbers_without_their_own(RotationKind kind)
    {
        var rotation = new RotationPolicy { Kind = kind, DailyCap = 3 }.Create();
        CallerNumber[] numbers = [Number("a"), Number("b", dailyCap: 10)];

        var chosen = rotation.Choose(Request(numbers, [Usage("a", usedToday: 3), Usage("b", usedToday: 4)]));
        var none = rotation.Choose(Request(numbers, [Usage("a", usedToday: 3), Usage("b", usedToday: 10)]));

        Assert.Equal("b", chosen?.Id);
        Assert.Null(none);
    }

    [Theory]
    [InlineData(RotationKind.LeastUsed)]
    [InlineData(RotationKind.LocalPresence)]
    internal void Least_used_rotations_keep_the_cooldown(RotationKind kind)
    {
        var rotation = new RotationPolicy { Kind = kind, Cooldown = TimeSpan.FromMinutes(2) }.Create();

        var chosen = rotation.Choose(Request([Number("a"), Number("b")],
            [Usage("a", usedToday: 0, lastUsedAgo: TimeSpan.FromMinutes(1)), Usage("b", usedToday: 5, lastUsedAgo: TimeSpan.FromMinutes(3))]));

        Assert.Equal("b", chosen?.Id);
    }

    [Fact]
    public void Local_presence_uses_the_mobile_lookup()
    {
        var rotation = new RotationPolicy { Kind = RotationKind.LocalPresence }.Create(_ => "021");

        var chosen = rotation.Choose(Request([Number("bj", "010"), Number("sh", "021")], [Usage("sh", usedToday: 50)], callee: "+8613800138000"));

        Assert.Equal("sh", chosen?.Id);
    }

    [Fact]
    public void The_answer_rate_guard_carries_the_policys_settings()
    {
        var guard = new RotationPolicy { AnswerRateWindow = 7, MinAnswerRate = 0.2, RestFor = TimeSpan.FromMinutes(45) }.CreateAnswerRateGuard();

        Assert.Equal((7, 0.2, TimeSpan.FromMinutes(45)), (guard.Window, guard.MinAnswerRate, guard.RestFor));
    }

    [Theory]
    [InlineData(RotationKind.RoundRobin, 0, 0, false)]
    [InlineData(RotationKind.RoundRobin, 5, 0, true)]
    [InlineData(RotationKind.RoundRobin, 0, 3, true)]
    [InlineData(RotationKind.LeastUsed, 0, 0, true)]
    [InlineData(RotationKind.LocalPresence, 0, 0, true)]
    internal void Only_choices_that_depend_on_use_need_the_numbers_locked(RotationKind kind, int defaultCap, int numberCap, bool expected)
    {
        var policy = new RotationPolicy { Kind = kind, DailyCap = defaultCap };
        CallerNumber[] numbers = [new("a", "+862161230001", "021"), new("b", "+862161230002", "021", numberCap)];

        Assert.Equal(expected, policy.ChoosesByUse(numbers));
    }

    [Fact]
    public void The_default_policy_is_valid()
    {
        Assert.Empty(new RotationPolicy().Validate());
    }

    public static IEnumerable<object[]> InvalidPolicies => new TheoryData<RotationPolicy, string>()
    {
        { new RotationPolicy { Kind = (RotationKind)7 }, "kind" },
        { new RotationPolicy { Cooldown = TimeSpan.FromSeconds(-1) }, "cooldown" },
        { new RotationPolicy { DailyCap = -1 }, "daily_cap" },
        { new RotationPolicy { AnswerRateWindow = 0 }, "answer_rate_window" },
        { new RotationPolicy { MinAnswerRate = 1.5 }, "min_answer_rate" },
        { new RotationPolicy { MinAnswerRate = double.NaN }, "min_answer_rate" },
        { new RotationPolicy { RestFor = TimeSpan.FromMinutes(-5), DailyCap = -2 }, "daily_cap,rest_for" },
    };

    [Theory]
    [MemberData(nameof(InvalidPolicies))]
    internal void Validate_names_the_fields_in_error(RotationPolicy policy, string fields)
    {
        Assert.Equal(fields.Split(','), policy.Validate().Select(e => e.Field));
    }
}
