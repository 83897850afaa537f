using AutoDialer.AspNetCore.Observability;
using AutoDialer.Dialing;
using AutoDialer.PostgreSql.Nodes;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AutoDialer.AspNetCore.Health;

/// <summary>
/// Writes this node's readiness (the checks of <c>/healthz/ready</c>) to <c>node_readiness</c> every
/// <see cref="ObservabilityOptions.ReadinessReportInterval"/>, so that every node's dashboard shows the whole cluster's;
/// deletes it when the node stops. A report lives <see cref="LiveForIntervals"/> intervals: a node that cannot write
/// (its database gone) or has died shows as not reporting on the others.
/// </summary>
internal sealed class NodeReadinessReporter(
    HealthCheckService health,
    NodeReadinessBoard board,
    TimeProvider clock,
    IOptions<DialingOptions> dialing,
    IOptions<ObservabilityOptions> options,
    IHostApplicationLifetime lifetime,
    ILogger<NodeReadinessReporter> logger) : BackgroundService
{
    /// <summary>One missed report (a slow check) does not make a node "not reporting".</summary>
    public const int LiveForIntervals = 3;

    private string Node => dialing.Value.Node;

    /// <summary>Checks readiness and writes it; what failed is named by check, never described (a message can name a server).</summary>
    public async Task ReportAsync(CancellationToken cancellationToken)
    {
        var report = await health.CheckHealthAsync(r => r.Tags.Contains(ProbeResponse.ReadyTag), cancellationToken);
        var failing = report.Entries.Where(e => e.Value.Status != HealthStatus.Healthy).Select(e => e.Key).Order(StringComparer.Ordinal).ToList();
        var now = clock.GetUtcNow();
        await board.ReportAsync(Node, failing.Count == 0, failing, now, now + (options.Value.ReadinessReportInterval * LiveForIntervals), cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Reports end when the node begins to stop, not when this service does: the services stopped before it (the job
        // server) would otherwise be reported, and logged, as failing checks of a node that is only shutting down.
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, lifetime.ApplicationStopping);
        using var timer = new PeriodicTimer(options.Value.ReadinessReportInterval, clock);
        try
        {
            do
            {
                try
                {
                    await ReportAsync(stopping.Token);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // The database is what is missing, most often: the other nodes show this one as not reporting.
                    logger.LogDebug(e, "Writing this node's readiness failed; trying again at the next report");
                }
            }
            while (await timer.WaitForNextTickAsync(stopping.Token));
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // The node is stopping; StopAsync withdraws its report.
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        try
        {
            await board.WithdrawAsync(Node, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogDebug(e, "Withdrawing this node's readiness failed; its report expires by itself");
        }
    }
}
