namespace AutoDialer.Dialing;

/// <summary>Idle → make-call latencies of this node's dispatches, for the dispatch benchmark and health.</summary>
public sealed class DispatchLatency
{
    private readonly object gate = new();
    private readonly List<double> samples = [];
    private long decisions;

    public long Decisions => Interlocked.Read(ref decisions);

    public void RecordDecisions(int count) => Interlocked.Add(ref decisions, count);

    public void Record(TimeSpan idleToCall)
    {
        lock (gate) samples.Add(idleToCall.TotalMilliseconds);
    }

    /// <summary>The latency at <paramref name="quantile"/> (0–1) of what was recorded, in milliseconds.</summary>
    public double Percentile(double quantile)
    {
        lock (gate)
        {
            if (samples.Count == 0) return 0;
            var sorted = samples.Order().ToArray();
            return sorted[Math.Clamp((int)Math.Ceiling(quantile * sorted.Length) - 1, 0, sorted.Length - 1)];
        }
    }

    public int Count
    {
        get { lock (gate) return samples.Count; }
    }

    /// <summary>Starts over; returns how many calls were recorded up to this point (read and cleared at once, so a call
    /// recorded meanwhile is counted on one side or the other, never lost).</summary>
    public int Reset()
    {
        lock (gate)
        {
            var count = samples.Count;
            samples.Clear();
            Interlocked.Exchange(ref decisions, 0);
            return count;
        }
    }
}
