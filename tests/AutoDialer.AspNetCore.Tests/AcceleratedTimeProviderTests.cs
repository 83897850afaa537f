using AutoDialer.Testing;

namespace AutoDialer.AspNetCore.Tests;

public sealed class AcceleratedTimeProviderTests
{
    private readonly ManualTimeProvider _inner = new();

    [Fact]
    public void Clock_runs_speed_times_faster_from_construction()
    {
        var start = _inner.GetUtcNow();
        var fast = new AcceleratedTimeProvider(60, _inner);
        var stamp = fast.GetTimestamp();

        _inner.Advance(TimeSpan.FromSeconds(2));

        Assert.Equal(start + TimeSpan.FromMinutes(2), fast.GetUtcNow());
        Assert.Equal(TimeSpan.FromMinutes(2), fast.GetElapsedTime(stamp));
    }

    [Fact]
    public void Timers_fire_after_their_due_time_on_the_fast_clock()
    {
        var fast = new AcceleratedTimeProvider(60, _inner);
        var fired = new List<DateTimeOffset>();
        using var timer = fast.CreateTimer(_ => fired.Add(fast.GetUtcNow()), null, TimeSpan.FromMinutes(1), Timeout.InfiniteTimeSpan);

        _inner.Advance(TimeSpan.FromMilliseconds(999));
        Assert.Empty(fired);
        _inner.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Single(fired);

        timer.Change(TimeSpan.FromMinutes(2), Timeout.InfiniteTimeSpan);
        _inner.Advance(TimeSpan.FromMilliseconds(1999));
        Assert.Single(fired);
        _inner.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(2, fired.Count);
    }

    [Fact]
    public async Task Task_delay_on_the_fast_clock_completes_after_the_scaled_time()
    {
        var fast = new AcceleratedTimeProvider(10, _inner);

        var delay = Task.Delay(TimeSpan.FromSeconds(10), fast);
        _inner.Advance(TimeSpan.FromMilliseconds(999));
        Assert.False(delay.IsCompleted);
        _inner.Advance(TimeSpan.FromMilliseconds(1));
        await delay;
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Speed_must_be_positive_and_finite(double speed)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new AcceleratedTimeProvider(speed, _inner));
    }
}
