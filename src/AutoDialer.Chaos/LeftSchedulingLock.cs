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
internal sealed class LeftSchedulingLock(TimeSpan patience)
{
    /// <summary>How long one row may stand unchanged before the step takes it as left already (a live scheduler pass
    /// holds it for milliseconds); live nodes that take and release it without a gap for twice that end the run.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    public LeftSchedulingLock()
        : this(Patience)
    {
    }

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

    private const string HeldSinceSql = "select acquired from hangfire.lock where resource = $1";

    /// <summary>The row that stood is still the same one: the moment it is taken as left, by the database's clock.</summary>
    private const string AdoptSql = "select now()::timestamp from hangfire.lock where resource = $1 and acquired = $2";

    /// <summary>A recurring job's run enqueued after the row was left: the scheduler got through again.</summary>
    private const string ResumedSql = """
        select exists (select 1 from hangfire.job where createdat > $1 and invocationdata ->> 'Type' like '%OrphanedUploadsJob%')
        """;

    private Task<TimeSpan?>? _resumed;

    /// <summary>How long after the row was left a recurring job ran again; null when not within <see cref="Bound"/>, or never left.</summary>
    public Task<TimeSpan?> Resumed => _resumed ?? Task.FromResult<TimeSpan?>(null);

    public bool Left => _resumed is not null;

    /// <summary>Set when the step found a row already left and took it as the fault: how long it watched it stand.</summary>
    public TimeSpan? AdoptedAfterStanding { get; private set; }

    /// <summary>Leaves the row, or takes as left the one a holder left already: a row that stood unchanged through
    /// <see cref="Patience"/> (a scheduler pass inserts, works for milliseconds and deletes; one whose connection died
    /// with the database between the two, as when the database crashed just before this step, leaves its row there until
    /// the lock timeout, exactly the fault this step strikes).</summary>
    public async Task LeaveAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        var waited = Stopwatch.StartNew();
        DateTime? standing = null;
        var standingSince = Stopwatch.StartNew();
        while (true)
        {
            if (await ExecuteAsync(dataSource, LeaveSql, SchedulingLag.SchedulerLock, cancellationToken) is DateTime left)
            {
                Watch(dataSource, left, cancellationToken);
                return;
            }

            var held = await ExecuteAsync(dataSource, HeldSinceSql, SchedulingLag.SchedulerLock, cancellationToken) as DateTime?;
            if (held != standing)
            {
                (standing, standingSince) = (held, Stopwatch.StartNew());
            }
            else if (held is { } acquired && standingSince.Elapsed >= patience
                     && await ExecuteAsync(dataSource, AdoptSql, SchedulingLag.SchedulerLock, cancellationToken, acquired) is DateTime adopted)
            {
                AdoptedAfterStanding = standingSince.Elapsed;
                Watch(dataSource, adopted, cancellationToken);
                return;
            }

            if (waited.Elapsed > 2 * patience)
                throw new InvalidOperationException($"{SchedulingLag.SchedulerLock} was taken and released by live nodes without a gap for {waited.Elapsed.TotalSeconds:0.#} s");
            await Task.Delay(10, cancellationToken);
        }
    }

    private void Watch(NpgsqlDataSource dataSource, DateTime left, CancellationToken cancellationToken) =>
        _resumed = WatchAsync(dataSource, left, Stopwatch.StartNew(), cancellationToken);

    private static async Task<object?> ExecuteAsync(NpgsqlDataSource dataSource, string sql, string resource, CancellationToken cancellationToken, DateTime? acquired = null)
    {
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter { Value = resource });
        if (acquired is { } value)
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        return await command.ExecuteScalarAsync(cancellationToken);
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
