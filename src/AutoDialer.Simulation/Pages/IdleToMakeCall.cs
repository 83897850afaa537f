namespace AutoDialer.Simulation.Pages;

/// <summary>
/// Idle → make-call latencies as the pages see them: from the moment an agent's phone became idle (the event that
/// tells the dialer so happens then) to the moment the page receives the dialer's make-call. Milliseconds, thread-safe.
/// </summary>
internal sealed class IdleToMakeCall
{
    private readonly object _gate = new();
    private readonly List<double> _samples = [];

    public int Count
    {
        get { lock (_gate) return _samples.Count; }
    }

    public void Record(TimeSpan elapsed)
    {
        lock (_gate) _samples.Add(elapsed.TotalMilliseconds);
    }

    /// <summary>The latency at <paramref name="quantile"/> (0–1), nearest rank, in milliseconds; 0 without samples.</summary>
    public double Percentile(double quantile)
    {
        lock (_gate)
        {
            if (_samples.Count == 0) return 0;
            var sorted = _samples.Order().ToArray();
            return sorted[Math.Clamp((int)Math.Ceiling(quantile * sorted.Length) - 1, 0, sorted.Length - 1)];
        }
    }

    /// <summary>Starts over; returns how many were recorded until now.</summary>
    public int Reset()
    {
        lock (_gate)
        {
            var count = _samples.Count;
            _samples.Clear();
            return count;
        }
    }
}
