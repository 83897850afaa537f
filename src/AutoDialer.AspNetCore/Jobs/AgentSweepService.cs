using AutoDialer.Dialing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AutoDialer.AspNetCore.Jobs;

/// <summary>
/// Asks each provider for idle agents every <see cref="DialingOptions.AgentSweepInterval"/> of the container's clock and
/// dispatches to them, so an agent whose idle event was lost is dialled anyway. A hosted service of each node, not a
/// job: agent sessions live in the memory of the node they connected to.
/// </summary>
internal sealed class AgentSweepService(DialingEngine engine, TimeProvider clock, IOptions<DialingOptions> options, ILogger<AgentSweepService> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.AgentSweepInterval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await engine.SweepAgentsAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "The agent sweep failed; trying again at the next one");
            }
        }
    }
}
