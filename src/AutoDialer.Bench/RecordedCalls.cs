using AutoDialer.AspNetCore;
using AutoDialer.Core.Dispatch;
using AutoDialer.Core.Events;
using AutoDialer.Core.Telephony;
using AutoDialer.Simulation.Calls;
using AutoDialer.Simulation.InProcess;

namespace AutoDialer.Bench;

/// <summary>One make-call the recorder placed: the attempt the engine would have written before it.</summary>
/// <param name="Position">How many events had been delivered before the request: the attempt must exist before
/// events from that position on are applied, as it would in production.</param>
internal readonly record struct RecordedCall(long AttemptId, string AgentId, string Phone, string DialString, int Position);

/// <summary>
/// Records a realistic Udesk event stream: the simulator runs in accelerated time with its default customer mix and
/// some duplicated and reordered deliveries, every agent dialling again as soon as it is idle, until enough events
/// have been delivered. Business ids are not echoed in events (Udesk does not), so correlation binds CallIDs.
/// </summary>
internal static class RecordedCalls
{
    public static async Task<(List<CallCenterEvent> Events, List<RecordedCall> Calls)> RecordAsync(int events, int agents, int seed,
        CancellationToken cancellationToken)
    {
        var options = new SimulatorOptions
        {
            AccountId = "simulator",
            AgentCount = agents,
            Seed = seed,
            WrapUpTime = DurationDistribution.Fixed(TimeSpan.FromSeconds(5)),
            Faults = new SimulatorFaults { DuplicateRate = 0.03, ReorderRate = 0.03, ReorderHold = TimeSpan.FromSeconds(2) },
        };
        await using var center = new SimulatedCallCenter(options, new AcceleratedTimeProvider(2000));
        var buffer = new List<CallCenterEvent>(events + 1024);
        var calls = new List<RecordedCall>();
        long nextAttempt = 0;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);

        var reader = Task.Run(async () =>
        {
            await foreach (var e in center.Events.ReadAllAsync(stop.Token))
            {
                lock (buffer) buffer.Add(e);
                if (buffer.Count >= events) { await stop.CancelAsync(); return; }
            }
        }, CancellationToken.None);

        async Task DialAsync(string agentId)
        {
            var session = center.FindSession(agentId)!;
            while (!stop.IsCancellationRequested)
            {
                var id = Interlocked.Increment(ref nextAttempt);
                var phone = "+86138" + id.ToString("D8", System.Globalization.CultureInfo.InvariantCulture);
                var dial = DialString.FromE164(phone);
                int position;
                lock (buffer) position = buffer.Count;
                var result = await session.MakeCallAsync(new MakeCallRequest(dial, id.ToString(System.Globalization.CultureInfo.InvariantCulture)), CancellationToken.None);
                if (result.IsSuccess)
                    lock (calls) calls.Add(new RecordedCall(id, agentId, phone, dial, position));
                else
                    await Task.Delay(2, CancellationToken.None);
            }
        }

        var dialers = center.AgentIds.Select(a => Task.Run(() => DialAsync(a), CancellationToken.None)).ToList();
        try { await reader; } catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested) { }
        await stop.CancelAsync();
        await Task.WhenAll(dialers);
        lock (buffer) return (buffer.Take(events).ToList(), calls.OrderBy(c => c.Position).ToList());
    }
}
