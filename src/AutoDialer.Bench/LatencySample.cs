namespace AutoDialer.Bench;

/// <summary>Request latencies in milliseconds and their percentiles (nearest rank).</summary>
internal sealed class LatencySample
{
    private readonly List<double> milliseconds = [];

    public int Count => milliseconds.Count;

    public void Add(TimeSpan elapsed) => milliseconds.Add(elapsed.TotalMilliseconds);

    public double Percentile(double p)
    {
        if (milliseconds.Count == 0) return double.NaN;
        var sorted = milliseconds.Order().ToList();
        var rank = (int)Math.Ceiling(p / 100.0 * sorted.Count);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Count - 1)];
    }
}
