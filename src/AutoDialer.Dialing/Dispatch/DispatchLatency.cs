namespace AutoDialer.Dialing.Dispatch;

/// <summary>Idle → make-call latencies of this node's dispatches, for the dispatch benchmark and health.</summary>
public sealed class DispatchLatency
{
    private readonly object _gate = new();
    private readonly List<double> _samples = [];
    private long _decisions;

    public long Decisions => Interlocked.Read(ref _decisions);

    public void RecordDecisions(int count) => Interlocked.Add(ref _decisions, count);

    public void Record(TimeSpan idleToCall)
    {
        lock (_gate) _samples.Add(idleToCall.TotalMilliseconds);
    }

    /// <summary>The latency at <paramref name="quantile"/> (0–1) of what was recorded, in milliseconds.</summary>
    public double Percentile(double quantile)
    {
        lock (_gate)
        {
            if (_samples.Count == 0) return 0;
            var sorted = _samples.Order().ToArray();
            return sorted[Math.Clamp((int)Math.Ceiling(quantile * sorted.Length) - 1, 0, sorted.Length - 1)];
        }
    }

    public int Count
    {
        get { lock (_gate) return _samples.Count; }
    }

    /// <summary>Starts over; returns how many calls were recorded up to this point (read and cleared at once, so a call
    /// recorded meanwhile is counted on one side or the other, never lost).</summary>
    public int Reset()
    {
        lock (_gate)
        {
            var count = _samples.Count;
            _samples.Clear();
            Interlocked.Exchange(ref _decisions, 0);
            return count;
        }
    }
}
