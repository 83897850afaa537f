using AutoDialer.Core.Dispatch;
using static AutoDialer.Core.Tests.Dispatch.Choices;

namespace AutoDialer.Core.Tests.Dispatch;

public class RoundRobinRotationTests
{
    private static readonly CallerNumber[] Three = [Number("a"), Number("b"), Number("c")];

    [Theory]
    [InlineData(0, "a")]
    [InlineData(1, "b")]
    [InlineData(2, "c")]
    [InlineData(3, "a")]
    [InlineData(3_000_000_002, "c")]
    [InlineData(long.MaxValue, "b")] // 2^63 - 1 ≡ 1 (mod 3)
    [InlineData(-1, "c")]
    [InlineData(long.MinValue, "b")] // -2^63 ≡ 1 (mod 3)
    public void The_cursor_modulo_the_count_picks_the_number(long cursor, string expected)
    {
        Assert.Equal(expected, new RoundRobinRotation().Choose(Request(Three, cursor: cursor))?.Id);
    }

    [Fact]
    public void Successive_cursors_visit_every_number_in_turn_whatever_order_they_are_listed_in()
    {
        var rotation = new RoundRobinRotation();
        CallerNumber[] shuffled = [Three[2], Three[0], Three[1]];

        var chosen = Enumerable.Range(10, 6).Select(cursor => rotation.Choose(Request(shuffled, cursor: cursor))!.Id);

        Assert.Equal(["b", "c", "a", "b", "c", "a"], chosen);
    }

    [Fact]
    public void Ineligible_numbers_are_skipped()
    {
        var rotation = new RoundRobinRotation(new CallerNumberEligibility(DefaultDailyCap: 10));
        CallerNumberUsage[] usages = [Usage("b", restedFor: TimeSpan.FromHours(1)), Usage("c", usedToday: 10)];

        var chosen = Enumerable.Range(0, 3).Select(cursor => rotation.Choose(Request(Three, usages, cursor))!.Id);

        Assert.Equal(["a", "a", "a"], chosen);
    }

    [Fact]
    public void No_eligible_number_means_no_choice()
    {
        var rotation = new RoundRobinRotation();

        Assert.Null(rotation.Choose(Request([])));
        Assert.Null(rotation.Choose(Request(Three, Three.Select(n => Usage(n.Id, restedFor: TimeSpan.FromMinutes(1))))));
    }
}
