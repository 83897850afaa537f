using System.Diagnostics;
using AutoDialer.AspNetCore.Jobs;
using Npgsql;

namespace AutoDialer.Chaos;

/// <summary>
/// The row a node killed inside Hangfire's scheduling lock leaves in <c>hangfire.lock</c> (issue 25), and how long the
/// cluster's recurring jobs stay stopped by it: until a recurring job (<c>orphaned-uploads</c>, every minute) is
/// enqueued again. They must resume within <see cref="Bound"/>; the stale sweep, which runs in each node, must not stop
/// at all, and the judge sees it if it did (late hang-ups find attempts the sweep has not settled).
/// </summary>
internal sealed class LeftSchedulingLock
{
    /// <summary>The job store's lock timeout, one scheduler poll, the minute between two <c>orphaned-uploads</c>
    /// occurrences when the row was left just after one, and a margin for the machine.</summary>
    public static readonly TimeSpan Bound = JobsServiceCollectionExtensions.JobLockTimeout + TimeSpan.FromSeconds(5);

    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(500);

    /// <summary>As Hangfire.PostgreSql writes it: the taker's clock in <c>acquired</c>. Only while no live holder has the
    /// row (a live holder's release deletes the row of its name, whoever wrote it).</summary>
    private const string LeaveSql = """
        insert into hangfire.lock (resource, updatecount, acquired) values ($1, 0, now()) on conflict do nothing
        returning acquired
        """;

    /// <summary>A recurring job's run enqueued after the row was left: the scheduler got through again.</summary>
    private const string ResumedSql = """
        select exists (select 1 from hangfire.job where createdat > $1 and invocationdata ->> 'Type' like '%OrphanedUploadsJob%')
        """;

    private Task<TimeSpan?>? _resumed;

    /// <summary>How long after the row was left a recurring job ran again; null when not within <see cref="Bound"/>, or never left.</summary>
    public Task<TimeSpan?> Resumed => _resumed ?? Task.FromResult<TimeSpan?>(null);

    public bool Left => _resumed is not null;

    public async Task LeaveAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            await using var command = dataSource.CreateCommand(LeaveSql);
            command.Parameters.Add(new NpgsqlParameter { Value = SchedulingLag.SchedulerLock });
            if (await command.ExecuteScalarAsync(cancellationToken) is DateTime left)
            {
                _resumed = WatchAsync(dataSource, left, Stopwatch.StartNew(), cancellationToken);
                return;
            }
            if (waited.Elapsed > TimeSpan.FromSeconds(10))
                throw new InvalidOperationException($"{SchedulingLag.SchedulerLock} stayed held by a live node for 10 s");
            await Task.Delay(10, cancellationToken);
        }
    }

    /// <summary>Polls the job store, the way an operator would look, through the database's restarts (a read that fails is retried).</summary>
    private static async Task<TimeSpan?> WatchAsync(NpgsqlDataSource dataSource, DateTime left, Stopwatch since, CancellationToken cancellationToken)
    {
        while (since.Elapsed < Bound)
        {
            try
            {
                await using var command = dataSource.CreateCommand(ResumedSql);
                command.Parameters.Add(new NpgsqlParameter { Value = left });
                if (await command.ExecuteScalarAsync(cancellationToken) is true)
                    return since.Elapsed;
            }
            catch (NpgsqlException)
            {
                // The database is being restarted by another fault: look again.
            }
            await Task.Delay(Poll, cancellationToken);
        }
        return null;
    }
}
