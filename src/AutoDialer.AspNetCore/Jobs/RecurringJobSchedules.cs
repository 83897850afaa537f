using Hangfire;
using Hangfire.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AutoDialer.AspNetCore.Jobs;

/// <summary>
/// Keeps Hangfire's recurring jobs in step with this node and the campaigns (<see cref="JobPlan"/>), re-checked every
/// minute so a settings change, a started or a finished campaign is picked up. Each nightly batch is
/// <see cref="MisfireHandlingMode.Strict"/>: a night missed while no node ran gets its own job, closing its own day.
/// A stale sweep recurring job an earlier version left for a node no server serves any more is removed, so its queue
/// stops growing (the sweep now runs in each node, <see cref="StaleSweepService"/>).
/// </summary>
internal sealed class RecurringJobSchedules(
    JobPlan plan,
    IRecurringJobManagerV2 recurring,
    JobStorage storage,
    ILogger<RecurringJobSchedules> logger) : BackgroundService
{
    public static readonly TimeSpan Period = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Period);
        do
        {
            try
            {
                await SyncAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Keeping the recurring jobs in step failed; trying again in a minute");
            }
        } while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    public async Task SyncAsync(CancellationToken cancellationToken)
    {
        var wanted = new List<PlannedJob>(JobPlan.WallClockJobs());
        wanted.AddRange(await plan.NightlyAsync(cancellationToken));
        foreach (var job in wanted)
        {
            recurring.AddOrUpdate(job.Id, job.Job, job.Cron, new RecurringJobOptions
            {
                TimeZone = job.Zone,
                MisfireHandling = job.Id.StartsWith(JobPlan.NightlyPrefix, StringComparison.Ordinal)
                    ? MisfireHandlingMode.Strict
                    : MisfireHandlingMode.Relaxed,
            });
        }

        var ids = wanted.Select(j => j.Id).ToHashSet();
        using var connection = storage.GetConnection();
        var served = storage.GetMonitoringApi().Servers().SelectMany(s => s.Queues).ToHashSet();
        foreach (var existing in connection.GetRecurringJobs())
        {
            var gone = existing.Id.StartsWith(JobPlan.NightlyPrefix, StringComparison.Ordinal) && !ids.Contains(existing.Id)
                       || existing.Id.StartsWith(JobPlan.StalePrefix, StringComparison.Ordinal) && existing.Queue is { } queue && !served.Contains(queue);
            if (gone)
            {
                recurring.RemoveIfExists(existing.Id);
                logger.LogInformation("Recurring job {Job} removed: its campaign no longer runs, or its node is gone", existing.Id);
            }
        }
    }
}
