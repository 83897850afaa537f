using AutoDialer.Testing;
using Dapper;

namespace AutoDialer.PostgreSql.Tests.Clock;

/// <summary>
/// Every node reads PostgreSQL's clock for the times that decide windows, caps, staleness and session ownership: a node
/// whose own clock runs an hour ahead (or behind) reads the database's time once it has measured the offset, and a node
/// whose clock agrees is left exactly as it is.
/// </summary>
[Collection("postgres")]
public sealed class DatabaseClockTests(PostgresFixture postgres)
{
    public static TheoryData<int> Shifts() => [60, -60];

    [Theory]
    [MemberData(nameof(Shifts))]
    public async Task A_node_whose_clock_is_off_reads_the_databases_time_once_measured(int minutes)
    {
        var db = await postgres.CreateDatabaseAsync("database_clock");
        var clock = new DatabaseClock(new ShiftedTimeProvider(TimeProvider.System, TimeSpan.FromMinutes(minutes)));

        var measured = await clock.MeasureAsync(db, CancellationToken.None);

        Assert.InRange(measured, TimeSpan.FromMinutes(-minutes) - TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(-minutes) + TimeSpan.FromSeconds(1));
        await using var connection = await db.OpenConnectionAsync();
        var database = new DateTimeOffset(DateTime.SpecifyKind(await connection.ExecuteScalarAsync<DateTime>("select clock_timestamp()"), DateTimeKind.Utc));
        Assert.InRange(clock.GetUtcNow() - database, TimeSpan.FromSeconds(-1), TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task A_node_whose_clock_agrees_is_not_moved()
    {
        var db = await postgres.CreateDatabaseAsync("database_clock_agrees");
        var clock = new DatabaseClock(TimeProvider.System);

        var measured = await clock.MeasureAsync(db, CancellationToken.None);

        Assert.True(measured.Duration() < DatabaseClock.Tolerance, $"one machine, one clock: measured {measured}");
        Assert.Equal(TimeSpan.Zero, clock.Offset);
    }
}
