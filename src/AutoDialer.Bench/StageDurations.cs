using System.Diagnostics;
using AutoDialer.Core;

namespace AutoDialer.Bench;

/// <summary>
/// How long each of the engine's traced steps took (<c>autodialer.events</c> for a batch of vendor events stored and
/// applied, <c>autodialer.settlement</c>, <c>autodialer.dispatch</c> and its lease, check-and-place and make-call …),
/// from the spans the engine starts on <see cref="AutoDialerTelemetry.Tracing"/>: where an agent's idle → make-call time
/// goes. Listening makes the engine create every span, which costs CPU of its own, so a bench does it only when asked.
/// </summary>
internal sealed class StageDurations : IDisposable
{
    private readonly ActivityListener _listener;
    private readonly Lock _gate = new();
    private Dictionary<string, List<double>> _milliseconds = new(StringComparer.Ordinal);

    public StageDurations()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == AutoDialerTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStopped = Stopped,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    /// <summary>Forgets what was timed so far (the warm-up).</summary>
    public void Reset()
    {
        lock (_gate) _milliseconds = new Dictionary<string, List<double>>(StringComparer.Ordinal);
    }

    /// <summary>Each step timed since the last <see cref="Reset"/>, by span name: how often, mean, p50 and p99 in milliseconds.</summary>
    public IReadOnlyList<StageDuration> Summary()
    {
        lock (_gate)
        {
            return _milliseconds.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p =>
            {
                var sorted = p.Value.Order().ToList();
                return new StageDuration(p.Key, sorted.Count, sorted.Average(), Rank(sorted, 0.50), Rank(sorted, 0.99));
            }).ToList();
        }
    }

    public void Dispose() => _listener.Dispose();

    private void Stopped(Activity span)
    {
        lock (_gate)
        {
            if (!_milliseconds.TryGetValue(span.OperationName, out var list))
                _milliseconds[span.OperationName] = list = [];
            list.Add(span.Duration.TotalMilliseconds);
        }
    }

    // Nearest rank, as the bench's latencies.
    private static double Rank(List<double> sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
}

/// <summary>One traced step's durations in a bench's window (<see cref="StageDurations"/>).</summary>
internal sealed record StageDuration(string Name, int Count, double MeanMs, double P50Ms, double P99Ms);
