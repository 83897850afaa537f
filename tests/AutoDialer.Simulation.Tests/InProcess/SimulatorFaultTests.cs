using AutoDialer.Core.Events;
using AutoDialer.Core.StoredWords;
using AutoDialer.Core.Telephony;
using AutoDialer.Core.Telephony.Udesk;
using AutoDialer.Simulation.Calls;
using AutoDialer.Simulation.InProcess;
using AutoDialer.Simulation.Pages;
using AutoDialer.Simulation.Vendors;
using static AutoDialer.Simulation.Tests.InProcess.TestSimulator;

namespace AutoDialer.Simulation.Tests.InProcess;

public sealed class SimulatorFaultTests
{
    private static readonly TimeSpan WholeCall = TimeSpan.FromMinutes(5);
    private readonly ManualTimeProvider _clock = new();

    [Fact]
    public async Task Error_rate_makes_the_vendor_refuse_make_calls()
    {
        await using var center = Create(_clock, o => o with { Faults = new SimulatorFaults { ErrorRate = 1 } });
        center.Events.Drain();

        var result = await center.Session().MakeCallAsync(new MakeCallRequest(Answers, "biz-1"), CancellationToken.None);
        _clock.Advance(WholeCall);

        Assert.Equal((SimulatorCodes.Fault, "外呼失败", true), (result.Code, result.Message, result.Visible));
        Assert.Empty(center.Events.Drain());
        Assert.Equal(1, center.Counters.MakeCallErrors);
        Assert.Equal(CallOutcome.Failed, CallOutcomeClassifier.FromMakeCallFailure(result).Outcome);
    }

    [Fact]
    public async Task Latency_delays_the_answer_but_not_the_call()
    {
        await using var center = Create(_clock, o => o with
        {
            Faults = new SimulatorFaults { Latency = DurationDistribution.Fixed(TimeSpan.FromSeconds(2)) },
        });
        center.Events.Drain();

        var pending = center.Session().MakeCallAsync(new MakeCallRequest(Answers, "biz-1"), CancellationToken.None);
        var placed = center.Events.Drain();
        _clock.Advance(TimeSpan.FromMilliseconds(1999));
        var stillPending = pending.IsCompleted;
        _clock.Advance(TimeSpan.FromMilliseconds(1));
        var result = await pending;

        Assert.Contains(placed, e => e.Name == UdeskEventNames.Originated);
        Assert.False(stillPending);
        Assert.True(result.IsSuccess);
    }

    [Fact]
    public async Task Latency_beyond_the_response_timeout_gives_a_timeout_while_the_call_goes_on()
    {
        await using var center = Create(_clock, o => o with
        {
            Faults = new SimulatorFaults
            {
                Latency = DurationDistribution.Fixed(TimeSpan.FromSeconds(20)),
                ResponseTimeout = TimeSpan.FromSeconds(10),
            },
        });
        center.Events.Drain();

        var pending = center.Session().MakeCallAsync(new MakeCallRequest(Answers, "biz-1"), CancellationToken.None);
        _clock.Advance(TimeSpan.FromSeconds(10));
        var result = await pending;
        _clock.Advance(WholeCall);
        var events = center.Events.Drain();

        Assert.Equal(VendorCodes.Timeout, result.Code);
        Assert.Equal(CallOutcome.Unknown, CallOutcomeClassifier.FromMakeCallFailure(result).Outcome);
        Assert.Equal(1, center.Counters.Timeouts);
        // The events settle what the make-call could not tell.
        Assert.Equal(CallOutcome.Answered, CallOutcomeClassifier.Classify(events.Interpret())!.Outcome);
    }

    [Fact]
    public async Task Drop_rate_loses_events()
    {
        await using var center = Create(_clock, o => o with { Faults = new SimulatorFaults { DropRate = 1 } });

        await center.Session().MakeCallAsync(new MakeCallRequest(Answers, "biz-1"), CancellationToken.None);
        _clock.Advance(WholeCall);

        Assert.Empty(center.Events.Drain());
        var counters = center.Counters;
        Assert.Equal(counters.EventsEmitted, counters.EventsDropped);
        Assert.Equal(8, counters.EventsEmitted); // 2 Ready + 6 for the call
    }

    [Fact]
    public async Task Duplicate_rate_delivers_every_event_twice_with_one_identity()
    {
        var clean = await RunOneCall(new ManualTimeProvider(), SimulatorFaults.None);
        var duplicated = await RunOneCall(_clock, new SimulatorFaults { DuplicateRate = 1 });

        Assert.Equal(clean.SelectMany(e => new[] { e.EventId, e.EventId }), duplicated.Select(e => e.EventId));
        Assert.Equal(CallOutcomeClassifier.Classify(clean.Interpret()), CallOutcomeClassifier.Classify(duplicated.Interpret()));
    }

    [Fact]
    public async Task Reorder_rate_lets_later_events_overtake_earlier_ones()
    {
        var clean = await RunOneCall(new ManualTimeProvider(), SimulatorFaults.None);
        var reordered = await RunOneCall(_clock, new SimulatorFaults { ReorderRate = 1 });

        Assert.NotEqual(clean.Select(e => e.EventId), reordered.Select(e => e.EventId));
        Assert.Equal(clean.Select(e => e.EventId).Order(), reordered.Select(e => e.EventId).Order());
        Assert.Contains(reordered.Zip(reordered.Skip(1)), pair => pair.First.Timestamp > pair.Second.Timestamp);
        Assert.Equal(CallOutcomeClassifier.Classify(clean.Interpret()), CallOutcomeClassifier.Classify(reordered.Interpret()));
    }

    [Fact]
    public async Task Late_events_arrive_after_the_delay_with_their_own_timestamps()
    {
        var start = _clock.GetUtcNow();
        await using var center = Create(_clock, o => o with
        {
            Faults = new SimulatorFaults { LateEventRate = 1, LateEventDelay = TimeSpan.FromSeconds(30) },
        });

        await center.Session().MakeCallAsync(new MakeCallRequest(Answers, "biz-1"), CancellationToken.None);
        _clock.Advance(TimeSpan.FromSeconds(29));
        var early = center.Events.Drain();
        _clock.Advance(TimeSpan.FromSeconds(1));
        var late = center.Events.Drain();

        Assert.Empty(early);
        Assert.Contains(late, e => e.Name == UdeskEventNames.Originated && e.Timestamp == start);
        Assert.Equal(center.Counters.EventsEmitted, center.Counters.EventsDelayed);
    }

    [Fact]
    public async Task Session_disconnect_loses_events_and_refuses_requests_until_it_reconnects()
    {
        await using var center = Create(_clock, o => o with
        {
            Faults = new SimulatorFaults { SessionDisconnectRate = 1, ReconnectDelay = TimeSpan.FromMinutes(1) },
        });
        var session = center.Session();
        center.Events.Drain();

        await session.MakeCallAsync(new MakeCallRequest(Answers, "biz-1"), CancellationToken.None);
        var disconnectedAt = TimeSpan.Zero;
        while (center.FindSession("agent-001") is not null)
        {
            _clock.Advance(TimeSpan.FromSeconds(1));
            disconnectedAt += TimeSpan.FromSeconds(1);
            Assert.True(disconnectedAt < TimeSpan.FromMinutes(1), "the session never disconnected");
        }

        var state = await session.GetStateAsync(CancellationToken.None);
        var dial = await session.MakeCallAsync(new MakeCallRequest(Answers, "biz-2"), CancellationToken.None);
        _clock.Advance(TimeSpan.FromMinutes(2));
        var events = center.Events.Drain();

        Assert.Equal(VendorCodes.NoSession, state.Code);
        Assert.Equal(VendorCodes.NoSession, dial.Code);
        Assert.Equal(1, center.Counters.SessionDisconnects);
        Assert.True(center.Counters.EventsLostDisconnected > 0);
        Assert.DoesNotContain(events, e => e.Name == UdeskEventNames.ConnectionCleared);
        var ready = events[^1];
        Assert.Equal((UdeskEventNames.Ready, "idle"), (ready.Name, ready.Field(UdeskFields.CurState)));
        Assert.Same(session, center.FindSession("agent-001"));
    }

    [Fact]
    public async Task Same_seed_gives_the_same_run_and_another_seed_another()
    {
        var first = await RunBusyDay(seed: 7);
        var second = await RunBusyDay(seed: 7);
        var other = await RunBusyDay(seed: 8);

        Assert.True(first.Count > 100, $"only {first.Count} events");
        Assert.Equal(first, second);
        Assert.NotEqual(first, other);
    }

    [Fact]
    public async Task Chance_alone_gives_every_response_in_proportion()
    {
        await using var center = new SimulatedCallCenter(new SimulatorOptions { AgentCount = 1, WrapUpTime = DurationDistribution.Zero }, _clock);
        var session = center.Session();
        var outcomes = new List<CallOutcome>();
        for (var i = 0; i < 400; i++)
        {
            center.Events.Drain();
            var result = await session.MakeCallAsync(new MakeCallRequest($"1390000{i:D4}", $"biz-{i}"), CancellationToken.None);
            Assert.True(result.IsSuccess);
            _clock.Advance(TimeSpan.FromHours(1));
            outcomes.Add(CallOutcomeClassifier.Classify(center.Events.Drain().Interpret())!.Outcome);
        }

        var share = outcomes.CountBy(o => o).ToDictionary(p => p.Key, p => p.Value / 400.0);
        Assert.InRange(share[CallOutcome.Answered], 0.45, 0.65);
        Assert.InRange(share[CallOutcome.Busy], 0.05, 0.15);
        Assert.InRange(share[CallOutcome.NoAnswer], 0.20, 0.35);
        Assert.Contains(CallOutcome.Rejected, share.Keys);
        Assert.Contains(CallOutcome.Failed, share.Keys);
    }

    private static async Task<List<CallCenterEvent>> RunOneCall(ManualTimeProvider clock, SimulatorFaults faults)
    {
        await using var center = new SimulatedCallCenter(Options with { Faults = faults }, clock);
        await center.Session().MakeCallAsync(new MakeCallRequest(Answers, "biz-1"), CancellationToken.None);
        clock.Advance(WholeCall);
        return center.Events.Drain();
    }

    /// <summary>Three agents dialled every half minute for two hours, with every fault switched on.</summary>
    private static async Task<List<string>> RunBusyDay(int seed)
    {
        var clock = new ManualTimeProvider();
        await using var center = new SimulatedCallCenter(new SimulatorOptions
        {
            AgentCount = 3,
            Seed = seed,
            Faults = new SimulatorFaults
            {
                ErrorRate = 0.05,
                DropRate = 0.05,
                DuplicateRate = 0.05,
                ReorderRate = 0.1,
                LateEventRate = 0.05,
                SessionDisconnectRate = 0.05,
            },
        }, clock);
        for (var round = 0; round < 240; round++)
        {
            foreach (var agentId in center.AgentIds)
            {
                if (center.FindSession(agentId) is { } session)
                {
                    await session.MakeCallAsync(new MakeCallRequest($"1380013{round:D3}{agentId[^1]}", $"{round}-{agentId}"), CancellationToken.None);
                }
            }

            clock.Advance(TimeSpan.FromSeconds(30));
        }

        clock.Advance(TimeSpan.FromHours(1));
        return center.Events.Drain().Select(e => $"{e.EventId}|{e.Name}|{e.Timestamp:O}|{e.Payload.GetRawText()}").ToList();
    }
}
