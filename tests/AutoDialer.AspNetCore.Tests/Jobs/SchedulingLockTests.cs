using System.Diagnostics;
using System.Globalization;
using AutoDialer.AspNetCore.Jobs;
using AutoDialer.Bridge.Tests.Support;
using AutoDialer.Core.Dispatch;
using AutoDialer.Dialing.Dispatch;
using AutoDialer.Dialing.Tests;
using AutoDialer.PostgreSql.Campaigns;
using AutoDialer.PostgreSql.Dispatch;
using AutoDialer.Testing;
using Cronos;
using Dapper;
using Hangfire;
using Hangfire.Common;
using Hangfire.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace AutoDialer.AspNetCore.Tests.Jobs;

/// <summary>
/// A node killed while it holds Hangfire's scheduling lock leaves its row in <c>hangfire.lock</c> (issue 25). Each test
/// puts that row there as a killed node leaves it (Hangfire.PostgreSql writes the acquirer's clock into
/// <c>acquired</c>; an older row is a node killed that long ago): the stale sweep does not wait for it, the recurring
/// jobs resume once it is <see cref="JobsServiceCollectionExtensions.JobLockTimeout"/> old, a missed night still closes
/// its day, and while it blocks, an operator is told which lock and for how long.
/// </summary>
[Collection("postgres")]
public sealed class SchedulingLockTests(PostgresFixture postgres)
{
    [Fact]
    public async Task A_node_sweeps_its_stale_attempts_at_its_interval_while_a_dead_node_holds_the_scheduling_lock()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        var built = await ApiServer.BuildAsync(postgres, new Dictionary<string, string?>
        {
            ["AutoDialer:Dialing:Node"] = "sweeper",
            ["AutoDialer:Dialing:StaleSweepInterval"] = "00:01:00",
        }, s => s.AddSingleton<TimeProvider>(clock));
        await DialingRig.CreateRunningCampaignAsync(built.Db, "stale-under-lock", contacts: 1, DialingRig.Settings(["agent-1"]));
        // Older than the maximum age: any node's sweep settles it, nobody need be asked.
        var attempt = await LeaseAsync(built.Db, age: TimeSpan.FromHours(3));
        await LeaveDeadHoldersLockAsync(built.Db, SchedulingLag.SchedulerLock, heldFor: TimeSpan.Zero);
        await using var server = await built.StartAsync();

        clock.Advance(TimeSpan.FromMinutes(1));

        var outcome = await UntilAsync(() => OutcomeAsync(server.Db, attempt), o => o is not null, TimeSpan.FromSeconds(15), "the stale attempt settled");
        Assert.Equal("unknown", outcome);
        await using var connection = await server.Db.OpenConnectionAsync();
        Assert.Equal(1, await connection.ExecuteScalarAsync<int>("select count(*) from hangfire.lock where resource = @resource", new { resource = SchedulingLag.SchedulerLock }));
    }

    [Fact]
    public async Task An_upgraded_node_removes_the_stale_sweep_recurring_job_an_earlier_version_kept_and_creates_none()
    {
        var built = await ApiServer.BuildAsync(postgres, new Dictionary<string, string?> { ["AutoDialer:Dialing:Node"] = "upgraded" });
        built.App.Services.GetRequiredService<IRecurringJobManagerV2>().AddOrUpdate("stale-attempts-upgraded",
            Job.FromExpression<StaleAttemptSweepJob>(job => job.RunAsync(CancellationToken.None), JobQueues.ForNode("upgraded")), "0 * * * * *");
        await using var server = await built.StartAsync();
        await server.Services.GetServices<IHostedService>().OfType<RecurringJobSchedules>().Single().SyncAsync(CancellationToken.None);

        using var connection = server.Services.GetRequiredService<JobStorage>().GetConnection();
        Assert.Equal([JobPlan.AuditRetentionId, JobPlan.OrphanedUploadsId], connection.GetRecurringJobs().Select(r => r.Id).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task After_a_dead_node_s_scheduling_lock_expires_the_night_it_delayed_still_runs_and_closes_its_own_day()
    {
        await using var server = await ApiServer.StartAsync(postgres, new Dictionary<string, string?> { ["AutoDialer:Dialing:Node"] = "nightly-lock" });
        var id = await server.CreateCampaignAsync("missed-night", new
        {
            schedule = new { time_zone_id = DialingRig.TimeZone, windows = new[] { new { day = "monday", start = "09:00:00", end = "18:00:00" } } },
            nightly_batch_cron = "0 0 2 * * ?",
        });
        await server.PostJsonAsync($"api/campaigns/{id}/start", null, System.Net.HttpStatusCode.OK);
        await server.Services.GetServices<IHostedService>().OfType<RecurringJobSchedules>().Single().SyncAsync(CancellationToken.None);
        var zone = TimeZoneInfo.FindSystemTimeZoneById(DialingRig.TimeZone);
        var nights = CronExpression.Parse("0 0 2 * * *", CronFormat.IncludeSeconds)
            .GetOccurrences(DateTimeOffset.UtcNow.AddDays(-3), DateTimeOffset.UtcNow, zone).TakeLast(2).ToList();
        var (nightBefore, missed) = (nights[0], nights[1]);

        // A node was killed inside the scheduling lock 50 s ago, as last night's batch fell due: the batch is still due.
        await LeaveDeadHoldersLockAsync(server.Db, SchedulingLag.SchedulerLock, heldFor: TimeSpan.FromSeconds(50));
        SetNextRun(server, $"nightly-{id}", missed, lastRun: nightBefore);
        var waited = Stopwatch.StartNew();

        var run = Assert.Single(await server.Jobs.UntilFinishedAsync($"nightly-{id}", TimeSpan.FromSeconds(40)));

        Assert.True(run.Succeeded, run.Error);
        // Resumed once the row was the lock timeout old (here 10 s after it was left, 50 s old), not 10 min later.
        Assert.True(waited.Elapsed < JobsServiceCollectionExtensions.JobLockTimeout, $"resumed after {waited.Elapsed}");
        using var storage = server.Services.GetRequiredService<JobStorage>().GetConnection();
        Assert.Equal(missed.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), storage.GetJobParameter(run.JobId, NightlyRetryBatchJob.OccurrenceParameter));
        var closed = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(missed, zone).DateTime).AddDays(-1);
        await using var connection = await server.Db.OpenConnectionAsync();
        Assert.Equal([closed.ToDateTime(TimeOnly.MinValue)],
            await connection.QueryAsync<DateTime>("select day from daily_reports where campaign_id = @id", new { id }));
    }

    [Fact]
    public async Task While_a_dead_node_holds_the_scheduling_lock_late_recurring_jobs_are_logged_and_shown_with_the_lock_and_its_age()
    {
        var logs = new LogRecorder();
        await using var server = await ApiServer.StartAsync(postgres, services: s => s.AddSingleton<ILoggerProvider>(logs));
        // The recurring job exists before it is made late: the node's first sync, in the background, may not have run yet,
        // and creating the job after SetNextRun would give it a fresh next run (the test then read "Healthy"). Once it
        // exists, a sync leaves its next run alone.
        await server.Services.GetServices<IHostedService>().OfType<RecurringJobSchedules>().Single().SyncAsync(CancellationToken.None);
        await LeaveDeadHoldersLockAsync(server.Db, SchedulingLag.SchedulerLock, heldFor: TimeSpan.FromSeconds(20));
        SetNextRun(server, JobPlan.OrphanedUploadsId, DateTimeOffset.UtcNow.AddMinutes(-2), lastRun: null);

        await server.Services.GetServices<IHostedService>().OfType<RecurringJobWatch>().Single().CheckAsync(CancellationToken.None);
        var health = await server.GetJsonAsync("healthz");
        var jobs = await server.GetJsonAsync("api/jobs");

        // The watch's own timer may have warned too; the look the test asked for did.
        var warning = logs.Lines.First(l => l.Level == LogLevel.Warning && l.Category == typeof(RecurringJobWatch).FullName).Text;
        Assert.Contains(JobPlan.OrphanedUploadsId, warning);
        Assert.Contains($"The lock {SchedulingLag.SchedulerLock} has been held for 2", warning); // 20 s and counting
        var check = health.GetProperty("checks").GetProperty("jobs");
        Assert.Equal("Degraded", check.GetProperty("status").GetString());
        Assert.InRange(check.GetProperty("data").GetProperty("late_recurring_jobs").GetProperty(JobPlan.OrphanedUploadsId).GetDouble(), 119, 180);
        var blocking = check.GetProperty("data").GetProperty("blocking_lock");
        Assert.Equal(SchedulingLag.SchedulerLock, blocking.GetProperty("resource").GetString());
        Assert.InRange(blocking.GetProperty("held_seconds").GetDouble(), 20, 59);
        var orphaned = Assert.Single(jobs.GetProperty("recurring").EnumerateArray(), r => r.GetProperty("id").GetString() == JobPlan.OrphanedUploadsId);
        Assert.InRange(orphaned.GetProperty("late_seconds").GetDouble(), 119, 180);
    }

    [Fact]
    public async Task On_time_recurring_jobs_leave_health_healthy_and_log_nothing()
    {
        var logs = new LogRecorder();
        await using var server = await ApiServer.StartAsync(postgres, services: s => s.AddSingleton<ILoggerProvider>(logs));

        var report = await server.Services.GetServices<IHostedService>().OfType<RecurringJobWatch>().Single().CheckAsync(CancellationToken.None);

        Assert.Empty(report.Late);
        Assert.DoesNotContain(logs.Lines, l => l.Category == typeof(RecurringJobWatch).FullName);
        var jobs = (await server.GetJsonAsync("healthz")).GetProperty("checks").GetProperty("jobs");
        Assert.Equal("Healthy", jobs.GetProperty("status").GetString());
        Assert.Empty(jobs.GetProperty("data").GetProperty("late_recurring_jobs").EnumerateObject());
    }

    /// <summary>
    /// The row a node killed inside <paramref name="resource"/> <paramref name="heldFor"/> ago leaves. Inserted only
    /// while no live holder has it: a live holder's release deletes whatever row has the name (it checks no owner).
    /// </summary>
    internal static async Task LeaveDeadHoldersLockAsync(NpgsqlDataSource db, string resource, TimeSpan heldFor)
    {
        await using var connection = await db.OpenConnectionAsync();
        var deadline = Stopwatch.StartNew();
        while (await connection.ExecuteAsync(
                   "insert into hangfire.lock (resource, updatecount, acquired) values (@resource, 0, now() - @heldFor) on conflict do nothing",
                   new { resource, heldFor }) == 0)
        {
            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(10), $"{resource} stayed held by a live node for 10 s");
            await Task.Delay(10);
        }
    }

    /// <summary>Makes a recurring job due at <paramref name="next"/> (past) as Hangfire itself records it: the hash's
    /// fields and the job's score in the set <c>recurring-jobs</c> its scheduler reads.</summary>
    private static void SetNextRun(ApiServer server, string recurringJobId, DateTimeOffset next, DateTimeOffset? lastRun)
    {
        using var connection = server.Services.GetRequiredService<JobStorage>().GetConnection();
        using var transaction = connection.CreateWriteTransaction();
        var fields = new Dictionary<string, string> { ["NextExecution"] = JobHelper.SerializeDateTime(next.UtcDateTime) };
        if (lastRun is { } last) fields["LastExecution"] = JobHelper.SerializeDateTime(last.UtcDateTime);
        transaction.SetRangeInHash($"recurring-job:{recurringJobId}", fields);
        transaction.AddToSet("recurring-jobs", recurringJobId, JobHelper.ToTimestamp(next.UtcDateTime));
        transaction.Commit();
    }

    private static async Task<long> LeaseAsync(NpgsqlDataSource db, TimeSpan age)
    {
        await using (var connection = await db.OpenConnectionAsync())
            await connection.ExecuteAsync("update contacts set next_due_at = now() - interval '1 day'");
        var store = new DispatchStore(db, new CampaignSettingsCache());
        var campaign = Assert.Single(await store.RunningCampaignsAsync(CancellationToken.None));
        var lease = Assert.Single(await Dispatcher.LeaseAsync(store, campaign, FrequencyCaps.Default, DialingRig.Account, ["agent-1"], "elsewhere",
            DateTimeOffset.UtcNow - age, CancellationToken.None));
        // Its make-call was sent (the sending mark), so the call may have happened: a lease never sent would be given back
        // at once instead (NeverSentLeases), and the sweep would have nothing to settle.
        await using (var connection = await db.OpenConnectionAsync())
            await connection.ExecuteAsync("update attempts set make_call_deadline = created_at + interval '10 seconds' where id = @id", new { id = lease.AttemptId });
        return lease.AttemptId;
    }

    private static async Task<string?> OutcomeAsync(NpgsqlDataSource db, long attempt)
    {
        await using var connection = await db.OpenConnectionAsync();
        return await connection.ExecuteScalarAsync<string?>("select outcome from attempts where id = @attempt", new { attempt });
    }

    /// <summary>A bounded re-read: the sweep runs on the host's own task after the clock moves, and leaves no signal but the row.</summary>
    private static async Task<T> UntilAsync<T>(Func<Task<T>> read, Func<T, bool> done, TimeSpan limit, string what)
    {
        var clock = Stopwatch.StartNew();
        var value = await read();
        while (!done(value))
        {
            Assert.True(clock.Elapsed < limit, $"{what}: not within {limit}");
            await Task.Delay(100);
            value = await read();
        }
        return value;
    }
}
