using AutoDialer.AspNetCore;
using AutoDialer.Core.Events;
using AutoDialer.Core.StoredWords;
using AutoDialer.Core.Telephony;
using AutoDialer.Core.Telephony.Udesk;
using AutoDialer.Simulation.InProcess;
using static AutoDialer.Simulation.Tests.InProcess.TestSimulator;

namespace AutoDialer.Simulation.Tests.InProcess;

/// <summary>The in-process call center on the accelerated clock of the demo and the tests (AddAutoDialerAcceleratedClock).</summary>
public sealed class AcceleratedSimulatorTests
{
    private readonly ManualTimeProvider _inner = new();

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
