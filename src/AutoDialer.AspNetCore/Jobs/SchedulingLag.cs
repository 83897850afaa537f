using AutoDialer.Core.Jobs;
using AutoDialer.PostgreSql.Jobs;
using Hangfire;
using Hangfire.Storage;
using Npgsql;

namespace AutoDialer.AspNetCore.Jobs;

/// <summary>
/// Reads whether Hangfire's recurring jobs are late (<see cref="RecurringJobLateness"/>) and which rows of
/// <c>hangfire.lock</c> are held, oldest first, with their age by the database's clock: a late recurring job next to an
/// old <c>hangfire:recurring-jobs:lock</c> is a node that died inside the scheduling lock. Hangfire itself logs a
/// scheduler that cannot take that lock at Debug only, and its dashboard shows nothing.
/// </summary>
internal sealed class SchedulingLag(JobStorage storage, JobStorageConnections connections)
{
    /// <summary>The row a scheduler of recurring jobs holds while it enqueues them (Hangfire's resource, with the schema).</summary>
    public const string SchedulerLock = JobStorageSchema.Name + ":recurring-jobs:lock";

    /// <summary>Every lock row with its age; live holders keep theirs for milliseconds, so the table is nearly always empty.</summary>
    private const string HeldLocksSql = $"""
        select resource, extract(epoch from now() - acquired)::float8 from {JobStorageSchema.Name}.lock
        order by acquired nulls last limit 10
        """;

    /// <summary>Hangfire schedules on the wall clock (its <c>DateTime.UtcNow</c>), so lateness is judged on it too, never
    /// on the container's clock, which an accelerated demo runs faster.</summary>
    private static readonly TimeProvider WallClock = TimeProvider.System;

    public async Task<SchedulingLagReport> ReadAsync(CancellationToken cancellationToken)
    {
        var now = WallClock.GetUtcNow();
        List<LateRecurringJob> late;
        using (var connection = storage.GetConnection())
        {
            late = connection.GetRecurringJobs()
                .Select(r => (r.Id, LateBy: RecurringJobLateness.LateBy(r.NextExecution is { } next ? new DateTimeOffset(DateTime.SpecifyKind(next, DateTimeKind.Utc)) : null, now)))
                .Where(r => r.LateBy is not null)
                .Select(r => new LateRecurringJob(r.Id, r.LateBy!.Value))
                .OrderByDescending(r => r.LateBy)
                .ToList();
        }
        var locks = new List<HeldJobLock>();
        await using (var connection = await connections.DataSource.OpenConnectionAsync(cancellationToken))
        await using (var command = new NpgsqlCommand(HeldLocksSql, connection))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
                locks.Add(new HeldJobLock(reader.GetString(0), reader.IsDBNull(1) ? TimeSpan.Zero : TimeSpan.FromSeconds(reader.GetDouble(1))));
        }
        return new SchedulingLagReport(late, locks);
    }
}

/// <param name="Late">Recurring jobs past due by more than <see cref="RecurringJobLateness.Tolerance"/>, latest first.</param>
/// <param name="Locks">Rows of <c>hangfire.lock</c>, held longest first.</param>
internal sealed record SchedulingLagReport(IReadOnlyList<LateRecurringJob> Late, IReadOnlyList<HeldJobLock> Locks)
{
    /// <summary>The lock that most likely blocks the scheduler: its own if held, else the oldest.</summary>
    public HeldJobLock? Blocking => Locks.FirstOrDefault(l => l.Resource == SchedulingLag.SchedulerLock) ?? (Locks.Count > 0 ? Locks[0] : null);
}

internal sealed record LateRecurringJob(string Id, TimeSpan LateBy);

internal sealed record HeldJobLock(string Resource, TimeSpan HeldFor);
