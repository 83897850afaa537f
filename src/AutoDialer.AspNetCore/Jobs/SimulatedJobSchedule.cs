using Cronos;
using Hangfire;
using Hangfire.States;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AutoDialer.AspNetCore.Jobs;

/// <summary>
/// On an accelerated clock (the demo, tests that compress hours into seconds) Hangfire's recurring jobs would fire in
/// wall-clock time, so this enqueues the same jobs (<see cref="JobPlan"/>) at the same occurrences of the same crons, read
/// on the container's <see cref="TimeProvider"/>; every occurrence passed gets its job, with the occurrence as its
/// <c>Time</c> parameter, as Hangfire's own recurring jobs with <see cref="MisfireHandlingMode.Strict"/> do. The
/// <c>orphaned-uploads</c> job stays a wall-clock recurring job: it looks at when uploads were recorded, by the database's clock.
/// </summary>
internal sealed class SimulatedJobSchedule(
    JobPlan plan,
    IBackgroundJobClientV2 client,
    IRecurringJobManagerV2 recurring,
    TimeProvider clock,
    ILogger<SimulatedJobSchedule> logger) : BackgroundService
{
    /// <summary>The longest simulated wait between two looks at the plan (campaigns start and stop).</summary>
    public static readonly TimeSpan LookAgain = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        foreach (var wallClock in JobPlan.WallClockJobs())
        {
            try
            {
                recurring.AddOrUpdate(wallClock.Id, wallClock.Job, wallClock.Cron, new RecurringJobOptions { TimeZone = wallClock.Zone });
            }
            catch (Exception e)
            {
                logger.LogError(e, "Could not schedule {Job}; it waits for a node on the wall clock", wallClock.Id);
            }
        }
        var checkedUntil = clock.GetUtcNow();
        while (!stoppingToken.IsCancellationRequested)
        {
            var now = clock.GetUtcNow();
            var next = now + LookAgain;
            try
            {
                var jobs = await plan.NightlyAsync(stoppingToken);
                foreach (var job in jobs)
                {
                    var cron = CronExpression.Parse(job.Cron, CronFormat.IncludeSeconds);
                    foreach (var occurrence in cron.GetOccurrences(checkedUntil, now, job.Zone, fromInclusive: false, toInclusive: true))
                        Enqueue(job, occurrence);
                    if (cron.GetNextOccurrence(now, job.Zone) is { } upcoming && upcoming < next)
                        next = upcoming;
                }
                checkedUntil = now;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "The simulated job schedule failed; trying again");
            }
            await Task.Delay(Max(next - clock.GetUtcNow(), TimeSpan.Zero), clock, stoppingToken);
        }
    }

    private void Enqueue(PlannedJob job, DateTimeOffset occurrence) =>
        client.Create(job.Job, new EnqueuedState(job.Queue), new Dictionary<string, object?>
        {
            [NightlyRetryBatchJob.OccurrenceParameter] = occurrence.ToUnixTimeSeconds(),
            ["RecurringJobId"] = job.Id,
        }!);

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
