using AutoDialer.AspNetCore.Jobs;
using AutoDialer.Testing;
using Npgsql;

namespace AutoDialer.Chaos.Tests.Faults;

/// <summary>
/// The chaos step that leaves a killed node's row in <c>hangfire.lock</c>: it leaves one when the lock is free, and when
/// a row is already there and stays (a holder whose release died with the database the step before), that row is the
/// fault already struck and the step watches it rather than stopping the run.
/// </summary>
[Collection("postgres")]
public sealed class LeftSchedulingLockTests(PostgresFixture postgres) : IDisposable
{
    /// <summary>Ends the watch each step starts (it would poll the job store for a minute).</summary>
    private readonly CancellationTokenSource _stopWatching = new();

    private static readonly TimeSpan ShortPatience = TimeSpan.FromMilliseconds(300);

    [Fact]
    public async Task A_free_lock_is_left_as_a_killed_node_leaves_it()
    {
        await using var db = await postgres.CreateDatabaseAsync();
        var step = new LeftSchedulingLock(ShortPatience);

        await step.LeaveAsync(db, _stopWatching.Token);

        Assert.True(step.Left);
        Assert.Null(step.AdoptedAfterStanding);
        Assert.Equal(1L, await RowsAsync(db));
    }

    [Fact]
    public async Task A_row_a_crash_left_behind_is_taken_as_the_left_lock_instead_of_ending_the_run()
    {
        await using var db = await postgres.CreateDatabaseAsync();
        // As a scheduler's pass leaves it when the database restarts between its insert and its delete.
        await using (var command = db.CreateCommand("insert into hangfire.lock (resource, updatecount, acquired) values ($1, 0, now())"))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = SchedulingLag.SchedulerLock });
            await command.ExecuteNonQueryAsync();
        }
        var step = new LeftSchedulingLock(ShortPatience);

        await step.LeaveAsync(db, _stopWatching.Token);

        Assert.True(step.Left);
        Assert.True(step.AdoptedAfterStanding >= ShortPatience);
        Assert.Equal(1L, await RowsAsync(db));
    }

    public void Dispose()
    {
        _stopWatching.Cancel();
        _stopWatching.Dispose();
    }

    private static async Task<long> RowsAsync(NpgsqlDataSource db)
    {
        await using var command = db.CreateCommand("select count(*) from hangfire.lock where resource = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = SchedulingLag.SchedulerLock });
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
