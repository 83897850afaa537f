namespace AutoDialer.PostgreSql;

/// <summary>
/// A clock whose wall-clock reading is <paramref name="inner"/>'s plus <see cref="Offset"/>; timers and elapsed time stay
/// the inner clock's. The database's clock (<see cref="DatabaseClock"/>) and the testing-only shifted clock
/// (<see cref="ShiftedTimeProvider"/>) differ only in where the offset comes from.
/// </summary>
internal abstract class OffsetTimeProvider(TimeProvider inner) : TimeProvider
{
    /// <summary>The clock read and offset.</summary>
    protected TimeProvider Inner => inner;

    /// <summary>What is added to the inner clock's reading.</summary>
    public abstract TimeSpan Offset { get; }

    public override DateTimeOffset GetUtcNow() => inner.GetUtcNow() + Offset;

    public override long GetTimestamp() => inner.GetTimestamp();

    public override long TimestampFrequency => inner.TimestampFrequency;

    public override TimeZoneInfo LocalTimeZone => inner.LocalTimeZone;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        inner.CreateTimer(callback, state, dueTime, period);
}
