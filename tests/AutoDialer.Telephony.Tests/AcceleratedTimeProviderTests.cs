using AutoDialer.Core.Events;
using AutoDialer.Core.StoredWords;
using AutoDialer.Core.Telephony;
using AutoDialer.Core.Telephony.Udesk;
using AutoDialer.Telephony.Simulation;
using static AutoDialer.Telephony.Tests.TestSimulator;

namespace AutoDialer.Telephony.Tests;

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

    [Fact]
    public async Task Drives_the_simulator_through_a_call_in_a_fraction_of_the_time()
    {
        var fast = new AcceleratedTimeProvider(100, _inner);
        await using var center = new SimulatedCallCenter(Options, fast);
        center.Events.Drain();

        await center.Session().MakeCallAsync(new MakeCallRequest(Answers, "biz-1"), CancellationToken.None);
        _inner.Advance(TimeSpan.FromSeconds(0.46)); // 46 s of call and wrap-up at ×100
        var events = center.Events.Drain();

        Assert.Equal(6, events.Count);
        Assert.Equal("idle", events[^1].Field(UdeskFields.CurState));
        Assert.Equal(30, CallOutcomeClassifier.Classify(events.Interpret())!.TalkSeconds);
    }

    [Fact]
    public async Task Drives_the_simulator_on_the_system_clock_at_a_thousand_times()
    {
        await using var center = new SimulatedCallCenter(Options with { AgentCount = 2 }, new AcceleratedTimeProvider(1000));
        var calls = center.AgentIds.Select((agentId, i) =>
            center.Session(agentId).MakeCallAsync(new MakeCallRequest(Answers, $"biz-{i}"), CancellationToken.None));
        Assert.All(await Task.WhenAll(calls), r => Assert.True(r.IsSuccess));

        // 46 simulated seconds per agent: about 50 ms of real time; the bound only stops a hang.
        var idleAgain = new HashSet<string>();
        var events = new List<CallCenterEvent>();
        using var hang = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (idleAgain.Count < 2)
        {
            var e = await center.Events.ReadAsync(hang.Token);
            events.Add(e);
            if (e.Name == UdeskEventNames.AgentStateChanged && e.Field(UdeskFields.CurState) == "idle")
            {
                idleAgain.Add(e.AgentId);
            }
        }

        foreach (var agentEvents in events.Where(e => e.Name != UdeskEventNames.Ready).GroupBy(e => e.AgentId))
        {
            Assert.Equal(CallOutcome.Answered, CallOutcomeClassifier.Classify(agentEvents.Interpret())!.Outcome);
        }
    }
}
