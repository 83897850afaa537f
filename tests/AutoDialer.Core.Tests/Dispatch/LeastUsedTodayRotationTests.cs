using AutoDialer.Core.Dispatch;
using static AutoDialer.Core.Tests.Dispatch.Choices;

namespace AutoDialer.Core.Tests.Dispatch;

public class LeastUsedTodayRotationTests
{
    private static readonly CallerNumber[] Three = [Number("a"), Number("b"), Number("c")];
    private static readonly TimeSpan Cooldown = TimeSpan.FromMinutes(1);

    [Fact]
    public void The_number_used_least_today_is_chosen()
    {
        var chosen = new LeastUsedTodayRotation(Cooldown).Choose(Request(Three,
        [
            Usage("a", usedToday: 5, lastUsedAgo: TimeSpan.FromHours(3)),
            Usage("b", usedToday: 2, lastUsedAgo: TimeSpan.FromMinutes(2)),
            Usage("c", usedToday: 3, lastUsedAgo: TimeSpan.FromHours(1)),
        ]));

        Assert.Equal("b", chosen?.Id);
    }

    [Fact]
    public void Numbers_at_their_daily_cap_are_skipped()
    {
        CallerNumber[] numbers = [Number("a", dailyCap: 2), Number("b", dailyCap: 9)];

        var chosen = new LeastUsedTodayRotation(Cooldown).Choose(Request(numbers, [Usage("a", usedToday: 2), Usage("b", usedToday: 8)]));

        Assert.Equal("b", chosen?.Id);
    }

    [Theory]
    [InlineData(30, "b")] // a is cooling down
    [InlineData(59, "b")]
    [InlineData(60, "a")] // a cooldown that has just run out no longer excludes
    [InlineData(600, "a")]
    public void Numbers_used_within_the_cooldown_are_skipped(int aUsedSecondsAgo, string expected)
    {
        var chosen = new LeastUsedTodayRotation(Cooldown).Choose(Request([Number("a"), Number("b")],
        [
            Usage("a", usedToday: 1, lastUsedAgo: TimeSpan.FromSeconds(aUsedSecondsAgo)),
            Usage("b", usedToday: 7, lastUsedAgo: TimeSpan.FromHours(1)),
        ]));

        Assert.Equal(expected, chosen?.Id);
    }

    [Fact]
    public void Ties_go_to_the_least_recently_used_then_the_lowest_id()
    {
        var rotation = new LeastUsedTodayRotation(TimeSpan.Zero);
        CallerNumber[] numbers = [Number("c"), Number("b"), Number("a"), Number("d")];

        var byRecency = rotation.Choose(Request(numbers,
        [
            Usage("a", 1, TimeSpan.FromMinutes(5)),
            Usage("b", 1, TimeSpan.FromMinutes(50)),
            Usage("c", 1, TimeSpan.FromMinutes(20)),
            Usage("d", 0, null, restedFor: TimeSpan.FromHours(1)),
        ]));
        var neverUsedFirst = rotation.Choose(Request(numbers, [Usage("a", 0, TimeSpan.FromDays(1)), Usage("b", 0), Usage("c", 0), Usage("d", 0, TimeSpan.FromDays(2))]));
        var byId = rotation.Choose(Request(numbers, [Usage("d", 0)]));

        Assert.Equal("b", byRecency?.Id);
        Assert.Equal("b", neverUsedFirst?.Id);
        Assert.Equal("a", byId?.Id);
    }

    [Fact]
    public void Resting_numbers_are_skipped_even_when_least_used()
    {
        var chosen = new LeastUsedTodayRotation(Cooldown).Choose(Request(Three,
        [
            Usage("a", usedToday: 0, restedFor: TimeSpan.FromMinutes(10)),
            Usage("b", usedToday: 4),
            Usage("c", usedToday: 3),
        ]));

        Assert.Equal("c", chosen?.Id);
    }

    [Fact]
    public void No_number_when_every_one_is_capped_cooling_down_or_resting()
    {
        CallerNumber[] numbers = [Number("a", dailyCap: 1), Number("b"), Number("c")];

        var chosen = new LeastUsedTodayRotation(Cooldown).Choose(Request(numbers,
        [
            Usage("a", usedToday: 1, lastUsedAgo: TimeSpan.FromHours(1)),
            Usage("b", usedToday: 0, lastUsedAgo: TimeSpan.FromSeconds(5)),
            Usage("c", usedToday: 0, restedFor: TimeSpan.FromSeconds(5)),
        ]));

        Assert.Null(chosen);
    }

    [Fact]
    public void A_negative_cooldown_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new LeastUsedTodayRotation(TimeSpan.FromSeconds(-1)));
    }
}
