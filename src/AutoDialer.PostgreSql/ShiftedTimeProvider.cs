namespace AutoDialer.PostgreSql;

/// <summary>
/// A clock that runs <paramref name="offset"/> ahead of (or behind) <paramref name="inner"/>: for testing only
/// (<c>AutoDialer:Dialing:ClockOffset</c>, the chaos run's node with a wrong clock), never for production.
/// </summary>
internal sealed class ShiftedTimeProvider(TimeProvider inner, TimeSpan offset) : OffsetTimeProvider(inner)
{
    public override TimeSpan Offset => offset;
}
