using System.Diagnostics.Metrics;
using AutoDialer.Core;

namespace AutoDialer.Bench;

/// <summary>
/// What one engine measures of its dispatches, heard through a <see cref="MeterListener"/> on its
/// <see cref="AutoDialerTelemetry"/> meter (the meter of the host whose <see cref="IMeterFactory"/> is given: other hosts
/// in the process are not heard). Every idle → make-call latency is kept here, in the bench's memory and not the
/// engine's, so that its percentiles are exact; the dispatch decisions are counted.
/// </summary>
internal sealed class EngineMeasurements : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly object _gate = new();
    private readonly List<double> _milliseconds = [];
    private long _decisions;

    public EngineMeasurements(IMeterFactory engineMeters)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == AutoDialerTelemetry.Name && ReferenceEquals(instrument.Meter.Scope, engineMeters)
                && instrument.Name is AutoDialerTelemetry.IdleToMakeCallName or AutoDialerTelemetry.DispatchDecisionsName)
                listener.EnableMeasurementEvents(instrument);
        };
        _listener.SetMeasurementEventCallback<double>((_, seconds, _, _) =>
        {
            lock (_gate) _milliseconds.Add(seconds * 1000);
        });
        _listener.SetMeasurementEventCallback<long>((_, decisions, _, _) => Interlocked.Add(ref _decisions, decisions));
        _listener.Start();
    }

    /// <summary>Make-calls with a latency sample so far.</summary>
    public int Count
    {
        get { lock (_gate) return _milliseconds.Count; }
    }

    public long Decisions => Interlocked.Read(ref _decisions);

    /// <summary>The latency at <paramref name="quantile"/> (0–1) of what was recorded, in milliseconds.</summary>
    public double Percentile(double quantile)
    {
        lock (_gate)
        {
            if (_milliseconds.Count == 0) return 0;
            var sorted = _milliseconds.Order().ToArray();
            return sorted[Math.Clamp((int)Math.Ceiling(quantile * sorted.Length) - 1, 0, sorted.Length - 1)];
        }
    }

    /// <summary>Starts over; returns how many calls were recorded up to this point (read and cleared at once, so a call
    /// recorded meanwhile is counted on one side or the other, never lost).</summary>
    public int Reset()
    {
        lock (_gate)
        {
            var count = _milliseconds.Count;
            _milliseconds.Clear();
            Interlocked.Exchange(ref _decisions, 0);
            return count;
        }
    }

    public void Dispose() => _listener.Dispose();
}
