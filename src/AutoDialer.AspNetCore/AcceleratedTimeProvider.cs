namespace AutoDialer.AspNetCore;

/// <summary>
/// A clock that runs <see cref="Speed"/> times faster than <c>inner</c> from the moment it is built: its
/// time starts at the inner time and advances <see cref="Speed"/> seconds per inner second, and its timers
/// fire after 1/<see cref="Speed"/> of their due time on the inner clock. So a simulated day can be dialled
/// in minutes, and a test clock as inner still drives it step by step.
/// </summary>
internal sealed class AcceleratedTimeProvider : TimeProvider
{
    private readonly TimeProvider _inner;
    private readonly DateTimeOffset _startUtc;
    private readonly long _startTimestamp;

    public AcceleratedTimeProvider(double speed, TimeProvider? inner = null)
    {
        if (!(speed > 0) || double.IsInfinity(speed))
        {
            throw new ArgumentOutOfRangeException(nameof(speed), speed, "speed must be a positive finite number.");
        }

        Speed = speed;
        _inner = inner ?? System;
        _startUtc = _inner.GetUtcNow();
        _startTimestamp = _inner.GetTimestamp();
    }

    public double Speed { get; }

    public override TimeZoneInfo LocalTimeZone => _inner.LocalTimeZone;

    public override long TimestampFrequency => _inner.TimestampFrequency;

    // Measured on the inner monotonic timestamp, so a wall-clock step on the inner clock cannot jump ours.
    public override DateTimeOffset GetUtcNow() => _startUtc + _inner.GetElapsedTime(_startTimestamp) * Speed;

    public override long GetTimestamp() => _startTimestamp + (long)((_inner.GetTimestamp() - _startTimestamp) * Speed);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        return new AcceleratedTimer(_inner.CreateTimer(callback, state, Shrink(dueTime), Shrink(period)), this);
    }

    private TimeSpan Shrink(TimeSpan span) => span == Timeout.InfiniteTimeSpan || span <= TimeSpan.Zero ? span : span / Speed;

    private sealed class AcceleratedTimer(ITimer inner, AcceleratedTimeProvider owner) : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period) => inner.Change(owner.Shrink(dueTime), owner.Shrink(period));

        public void Dispose() => inner.Dispose();

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}
