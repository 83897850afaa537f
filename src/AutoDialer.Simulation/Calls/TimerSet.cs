namespace AutoDialer.Simulation.Calls;

/// <summary>
/// One-shot actions on the injected <see cref="TimeProvider"/>, run under the simulator's lock and
/// cancelled together on dispose. Actions due now run inline, so a zero delay never waits for a clock tick.
/// </summary>
internal sealed class TimerSet(TimeProvider time, object gate) : IDisposable
{
    private readonly object _gate = gate;
    private readonly HashSet<Entry> _pending = [];
    private bool _disposed;

    /// <summary>Runs <paramref name="action"/> after <paramref name="due"/>. Call with the lock held.</summary>
    public void Schedule(TimeSpan due, Action action)
    {
        if (_disposed)
        {
            return;
        }

        if (due <= TimeSpan.Zero)
        {
            action();
            return;
        }

        var entry = new Entry(this, action);
        _pending.Add(entry);
        entry.Timer = time.CreateTimer(static state => ((Entry)state!).Fire(), entry, due, Timeout.InfiniteTimeSpan);
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            foreach (var entry in _pending)
            {
                entry.Timer?.Dispose();
            }

            _pending.Clear();
        }
    }

    private sealed class Entry(TimerSet owner, Action action)
    {
        public ITimer? Timer { get; set; }

        public void Fire()
        {
            lock (owner._gate)
            {
                if (!owner._pending.Remove(this))
                {
                    return;
                }

                Timer?.Dispose();
                action();
            }
        }
    }
}
