namespace AutoDialer.PostgreSql;

/// <summary>
/// A clock that runs <paramref name="offset"/> ahead of (or behind) <paramref name="inner"/>: for testing only
/// (<c>AutoDialer:Dialing:ClockOffset</c>, the chaos run's node with a wrong clock), never for production.
/// </summary>
internal sealed class ShiftedTimeProvider(TimeProvider inner, TimeSpan offset) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => inner.GetUtcNow() + offset;

    public override long GetTimestamp() => inner.GetTimestamp();

    public override long TimestampFrequency => inner.TimestampFrequency;

    public override TimeZoneInfo LocalTimeZone => inner.LocalTimeZone;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        inner.CreateTimer(callback, state, dueTime, period);
}
