using AutoDialer.Dialing;
using Hangfire;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AutoDialer.AspNetCore.Jobs;

/// <summary>
/// Runs this node's stale-attempt sweep (<see cref="StaleAttemptSweepJob"/>) every <see cref="DialingOptions.StaleSweepInterval"/>
/// of the container's clock. A hosted service of each node, not a Hangfire recurring job: every recurring job of the
/// cluster waits on Hangfire's one scheduling lock (a row in <c>hangfire.lock</c> that outlives a killed holder until it
/// expires), and a call whose hang-up was lost must be settled, and its agent freed, whatever that lock does. Two sweeps
/// of one node never overlap: each holds the node's PostgreSQL advisory lock, which dies with its holder's connection.
/// On start it removes the recurring job <c>stale-attempts-{node}</c> that earlier versions kept, so an upgraded cluster
/// does not sweep twice.
/// </summary>
internal sealed class StaleSweepService(
    IServiceScopeFactory scopes,
    IRecurringJobManagerV2 recurring,
    JobPlan plan,
    TimeProvider clock,
    IOptions<DialingOptions> options,
    ILogger<StaleSweepService> logger) : BackgroundService
{
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            recurring.RemoveIfExists(plan.LegacyStaleSweepId);
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Could not remove the recurring job {Job} of an earlier version (is the database reachable?); the next start tries again",
                plan.LegacyStaleSweepId);
        }
        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.StaleSweepInterval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var outcome = await scope.ServiceProvider.GetRequiredService<StaleAttemptSweepJob>().RunAsync(stoppingToken);
                logger.LogDebug("Stale sweep of node {Node}: {Outcome}", options.Value.Node, outcome);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "The stale sweep failed; trying again at the next one");
            }
        }
    }
}
