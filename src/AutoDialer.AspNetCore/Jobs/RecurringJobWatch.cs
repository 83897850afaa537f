using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AutoDialer.AspNetCore.Jobs;

/// <summary>
/// Every <see cref="Period"/> of the wall clock, warns when recurring jobs are late (<see cref="SchedulingLag"/>), naming
/// the lock that blocks them and how long it has been held: Hangfire logs this only at Debug, so without it a node killed
/// inside the scheduling lock stops the cluster's recurring jobs in silence until the lock expires
/// (<see cref="JobsServiceCollectionExtensions.JobLockTimeout"/>).
/// </summary>
internal sealed class RecurringJobWatch(SchedulingLag lag, ILogger<RecurringJobWatch> logger) : BackgroundService
{
    public static readonly TimeSpan Period = TimeSpan.FromSeconds(15);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Period);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await CheckAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogDebug(e, "Could not look at the recurring jobs' schedule (is the database reachable?)");
            }
        }
    }

    /// <summary>One look: logs a warning when any recurring job is late.</summary>
    public async Task<SchedulingLagReport> CheckAsync(CancellationToken cancellationToken)
    {
        var report = await lag.ReadAsync(cancellationToken);
        if (report.Late.Count > 0)
        {
            var blocking = report.Blocking;
            logger.LogWarning(
                "{Count} recurring job(s) are late ({Jobs}, up to {LateSeconds:0} s): no node could schedule them. The lock {Lock} has been held for {HeldSeconds:0} s; " +
                "a node killed while holding it leaves it until it is {TimeoutSeconds:0} s old, when any node takes it over",
                report.Late.Count, string.Join(", ", report.Late.Select(l => l.Id)), report.Late[0].LateBy.TotalSeconds,
                blocking?.Resource ?? "(none held)", blocking?.HeldFor.TotalSeconds ?? 0, JobsServiceCollectionExtensions.JobLockTimeout.TotalSeconds);
        }
        return report;
    }
}
