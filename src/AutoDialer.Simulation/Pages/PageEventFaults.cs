using System.Globalization;
using AutoDialer.Simulation.Calls;
using AutoDialer.Simulation.Vendors;

namespace AutoDialer.Simulation.Pages;

/// <summary>
/// Puts a page's events into its outbox through the faults: duplicated, held back behind the next event, hang-ups
/// queued late, followed by a poisoned copy. Each event's fate is drawn from the seed, the agent and the event's
/// number in the agent's stream. Called with the page's event lock held (the timers take it too).
/// </summary>
internal sealed class PageEventFaults(PageFaults faults, int seed, string agentId, TimerSet timers, SimulationCounters counters, Action<VendorEvent, long> enqueue)
{
    private long _events;
    private (VendorEvent Event, long Timestamp, Fate Fate)? _held;

    public void Deliver(VendorEvent vendorEvent, long timestamp)
    {
        var random = StableRandom.Create(seed, "page-event", agentId, (++_events).ToString(CultureInfo.InvariantCulture));
        // Every roll is drawn whatever the outcome, so changing one rate does not change the others' choices.
        var fate = new Fate(random.NextDouble() < faults.DuplicateRate, random.NextDouble() < faults.PoisonRate);
        var late = random.NextDouble() < faults.LateRate && vendorEvent.IsHangup;
        var reorder = random.NextDouble() < faults.ReorderRate;

        if (late)
        {
            counters.LateEvent();
            timers.Schedule(faults.LateDelay, () => Write(vendorEvent, timestamp, fate));
            return;
        }

        if (reorder && _held is null)
        {
            counters.Reorder();
            var held = (vendorEvent, timestamp, fate);
            _held = held;
            timers.Schedule(faults.ReorderHold, () =>
            {
                if (_held == held)
                {
                    _held = null;
                    Write(held.vendorEvent, held.timestamp, held.fate);
                }
            });
            return;
        }

        Write(vendorEvent, timestamp, fate);
        if (_held is { } overtaken)
        {
            _held = null;
            Write(overtaken.Event, overtaken.Timestamp, overtaken.Fate);
        }
    }

    private void Write(VendorEvent vendorEvent, long timestamp, Fate fate)
    {
        enqueue(vendorEvent, timestamp);
        if (fate.Duplicate)
        {
            counters.Duplicate();
            enqueue(vendorEvent, timestamp);
        }

        if (fate.Poison)
        {
            counters.Poison();
            enqueue(vendorEvent with { Payload = PoisonPayload.Of(vendorEvent.Payload) }, timestamp);
        }
    }

    private sealed record Fate(bool Duplicate, bool Poison);
}
