using Npgsql;

namespace AutoDialer.PostgreSql;

/// <summary>
/// The node's clock set to PostgreSQL's: the times that decide calling windows, caps, staleness and which bridge session
/// is newest are compared with times other nodes wrote, so every node must read one clock, the database's. The node's own
/// clock is read and the offset to the database's, measured (<see cref="MeasureAsync"/>, half a round trip's accuracy), is
/// added; an offset smaller than <see cref="Tolerance"/> is taken as agreement (NTP keeps clocks closer than that) and
/// not applied. Timers and elapsed time stay the inner clock's: only the wall-clock reading moves.
/// </summary>
internal sealed class DatabaseClock(TimeProvider inner) : OffsetTimeProvider(inner)
{
    /// <summary>An offset below this (50 ms) is agreement, not applied.</summary>
    public static readonly TimeSpan Tolerance = TimeSpan.FromMilliseconds(50);

    /// <summary>How often the offset is measured again (a minute): clocks drift, and NTP steps them.</summary>
    public static readonly TimeSpan MeasureInterval = TimeSpan.FromMinutes(1);

    private long _offsetTicks;

    /// <summary>What is added to the inner clock's reading: the database's clock minus the node's, as last measured.</summary>
    public override TimeSpan Offset => TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    /// <summary>
    /// Reads <c>clock_timestamp()</c> and sets the offset to it from the middle of the round trip; returns the offset
    /// measured (also when it is within <see cref="Tolerance"/> and so not applied).
    /// </summary>
    public async Task<TimeSpan> MeasureAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand("select clock_timestamp()", connection);
        var sent = Inner.GetTimestamp();
        var database = (DateTime)(await command.ExecuteScalarAsync(cancellationToken))!;
        var roundTrip = Inner.GetElapsedTime(sent);
        var local = Inner.GetUtcNow() - roundTrip / 2;
        var offset = new DateTimeOffset(DateTime.SpecifyKind(database, DateTimeKind.Utc)) - local;
        Interlocked.Exchange(ref _offsetTicks, offset.Duration() < Tolerance ? 0 : offset.Ticks);
        return offset;
    }
}
