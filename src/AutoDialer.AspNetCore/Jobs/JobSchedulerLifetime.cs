using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Quartz;

namespace AutoDialer.AspNetCore.Jobs;

/// <summary>
/// Starts the Quartz scheduler with the host and shuts it down with it, letting running jobs finish — but not past the
/// host's shutdown timeout (<see cref="HostOptions.ShutdownTimeout"/>). Quartz's own hosted service waits without end,
/// and with the database gone that end never came: the scheduler's thread retries its job store for as long as the
/// store is not shut down, and Quartz shuts the store down only after that thread has ended (a node with its PostgreSQL
/// stopped was still running 90 s after SIGTERM). What is abandoned here is in the database already: a clustered
/// scheduler's triggers and the jobs of a node that stopped checking in are recovered by the other nodes or the next start.
/// </summary>
internal sealed class JobSchedulerLifetime(ISchedulerFactory schedulers, ILogger<JobSchedulerLifetime> logger) : IHostedLifecycleService
{
    private IScheduler? scheduler;

    public async Task StartAsync(CancellationToken cancellationToken) => scheduler = await schedulers.GetScheduler(cancellationToken);

    /// <summary>Jobs run once every service has started, as with Quartz's own hosted service (AwaitApplicationStarted).</summary>
    public async Task StartedAsync(CancellationToken cancellationToken) => await scheduler!.Start(cancellationToken);

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (scheduler is null) return;
        try
        {
            await scheduler.Shutdown(waitForJobsToComplete: true, cancellationToken).AsTask().WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("The job scheduler did not shut down within the host's shutdown timeout (is the database reachable?); leaving it behind");
        }
    }
}
