using System.Text.Json;
using AutoDialer.Simulation.Calls;
using AutoDialer.Simulation.Pages;
using AutoDialer.Simulation.Vendors;
using AutoDialer.Testing;

namespace AutoDialer.Simulation.Tests.Pages;

public sealed class PageEventFaultsTests
{
    private readonly ManualTimeProvider _time = new();
    private readonly object _gate = new();
    private readonly List<(string Name, long Timestamp, JsonElement Payload)> _queued = [];

    [Fact]
    public void A_duplicated_event_is_queued_twice_with_the_same_timestamp()
    {
        var faults = Faults(new PageFaults { DuplicateRate = 1 });

        faults.Deliver(Event("Ready"), 100);

        Assert.Equal([("Ready", 100L), ("Ready", 100L)], _queued.Select(q => (q.Name, q.Timestamp)));
    }

    [Fact]
    public void A_late_hang_up_is_queued_after_the_delay_with_its_own_timestamp_and_other_events_are_not_late()
    {
        var faults = Faults(new PageFaults { LateRate = 1, LateDelay = TimeSpan.FromSeconds(30) });

        faults.Deliver(Event("ConnectionCleared", hangup: true), 100);
        faults.Deliver(Event("AgentStateChanged"), 200);
        Assert.Equal(["AgentStateChanged"], _queued.Select(q => q.Name));

        lock (_gate) _time.Advance(TimeSpan.FromSeconds(30));

        Assert.Equal([("AgentStateChanged", 200L), ("ConnectionCleared", 100L)], _queued.Select(q => (q.Name, q.Timestamp)));
    }

    [Fact]
    public void A_reordered_event_is_queued_after_the_agents_next_event()
    {
        var faults = Faults(new PageFaults { ReorderRate = 1 });

        faults.Deliver(Event("Originated"), 100);
        Assert.Empty(_queued);
        faults.Deliver(Event("Delivered"), 200);

        Assert.Equal(["Delivered", "Originated"], _queued.Select(q => q.Name));
    }

    [Fact]
    public void A_poisoned_copy_follows_the_real_event_with_a_nul_in_a_string()
    {
        var faults = Faults(new PageFaults { PoisonRate = 1 });

        faults.Deliver(Event("Established"), 100);

        Assert.Equal(2, _queued.Count);
        Assert.Equal("", _queued[0].Payload.GetProperty("Message").GetString());
        Assert.Equal("\u0000", _queued[1].Payload.GetProperty("Message").GetString());
        Assert.Contains("\\u0000", _queued[1].Payload.GetRawText());
    }

    [Fact]
    public void Without_faults_every_event_is_queued_once_in_order()
    {
        var faults = Faults(PageFaults.None);

        faults.Deliver(Event("Originated"), 1);
        faults.Deliver(Event("ConnectionCleared", hangup: true), 2);

        Assert.Equal(["Originated", "ConnectionCleared"], _queued.Select(q => q.Name));
    }

    private PageEventFaults Faults(PageFaults faults) =>
        new(faults, seed: 1, "agent-001", new TimerSet(_time, _gate), new SimulationCounters(), (e, ts) => _queued.Add((e.Name, ts, e.Payload)));

    private static VendorEvent Event(string name, bool hangup = false) =>
        new(name, JsonDocument.Parse("""{"Code":"0000","Data":{},"Message":"","Visible":false}""").RootElement.Clone(), hangup);
}
