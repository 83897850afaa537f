using System.Threading.Channels;
using AutoDialer.Core.Events;
using AutoDialer.Simulation.Calls;

namespace AutoDialer.Simulation.InProcess;

/// <summary>
/// Puts events into the stream through the event faults: drop, duplicate, deliver late, or hold back so a
/// later event of the same agent overtakes it. Each event's fate is drawn from the seed and its id alone.
/// Called with the simulator's lock held.
/// </summary>
internal sealed class EventDelivery(SimulatorFaults faults, int seed, TimerSet timers, ChannelWriter<CallCenterEvent> writer, CounterSet counters)
{
    private readonly Dictionary<string, (CallCenterEvent Event, int Copies)> _heldBack = new(StringComparer.Ordinal);

    public void Deliver(CallCenterEvent callCenterEvent)
    {
        var random = StableRandom.Create(seed, "event", callCenterEvent.EventId);
        // Draw every roll whatever the outcome, so changing one rate does not change the others' choices.
        var drop = random.NextDouble() < faults.DropRate;
        var duplicate = random.NextDouble() < faults.DuplicateRate;
        var late = random.NextDouble() < faults.LateEventRate;
        var reorder = random.NextDouble() < faults.ReorderRate;

        if (drop)
        {
            counters.EventsDropped++;
            return;
        }

        var copies = 1;
        if (duplicate)
        {
            counters.EventsDuplicated++;
            copies = 2;
        }

        if (late)
        {
            counters.EventsDelayed++;
            timers.Schedule(faults.LateEventDelay, () => Write(callCenterEvent, copies));
            return;
        }

        if (reorder && !_heldBack.ContainsKey(callCenterEvent.AgentId))
        {
            counters.EventsReordered++;
            _heldBack[callCenterEvent.AgentId] = (callCenterEvent, copies);
            timers.Schedule(faults.ReorderHold, () => ReleaseIfStillHeld(callCenterEvent));
            return;
        }

        Write(callCenterEvent, copies);
    }

    private void Write(CallCenterEvent callCenterEvent, int copies)
    {
        for (var i = 0; i < copies; i++)
        {
            if (writer.TryWrite(callCenterEvent))
            {
                counters.EventsWritten++;
            }
        }

        if (_heldBack.TryGetValue(callCenterEvent.AgentId, out var held) && !ReferenceEquals(held.Event, callCenterEvent))
        {
            _heldBack.Remove(callCenterEvent.AgentId);
            Write(held.Event, held.Copies);
        }
    }

    private void ReleaseIfStillHeld(CallCenterEvent callCenterEvent)
    {
        if (_heldBack.TryGetValue(callCenterEvent.AgentId, out var held) && ReferenceEquals(held.Event, callCenterEvent))
        {
            _heldBack.Remove(callCenterEvent.AgentId);
            Write(held.Event, held.Copies);
        }
    }
}
