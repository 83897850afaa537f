using AutoDialer.AspNetCore.Jobs;
using AutoDialer.Dialing;
using AutoDialer.PostgreSql.Jobs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Npgsql;

namespace AutoDialer.AspNetCore.Health;

/// <summary>
/// On a node that dials, its Hangfire server is registered in the job store: Hangfire's servers remove one whose
/// heartbeat stopped, so a registration is a heartbeat within the server timeout. Healthy on a node without a job server.
/// </summary>
internal sealed class JobServerHeartbeatHealthCheck(IServiceProvider services, JobStorageConnections connections, IOptions<DialingOptions> dialing) : IHealthCheck
{
    private const string ThisServerSql = $"select count(*) from {JobStorageSchema.Name}.server where id like $1";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (services.GetService<AutoDialerServerMarker>() is null)
            return HealthCheckResult.Healthy("no job server on this node");
        try
        {
            await using var connection = await connections.DataSource.OpenConnectionAsync(cancellationToken);
            // Hangfire names a server "{ServerName}:{process}:{guid}", lower-cased.
            await using var mine = new NpgsqlCommand(ThisServerSql, connection) { Parameters = { new() { Value = dialing.Value.Node.ToLowerInvariant() + ":%" } } };
            return (long)(await mine.ExecuteScalarAsync(cancellationToken))! > 0
                ? HealthCheckResult.Healthy("this node's job server is registered")
                : new HealthCheckResult(context.Registration.FailureStatus, "this node's job server is not registered (starting, or its heartbeat stopped)");
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or InvalidOperationException)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, $"the job store does not answer: {e.Message}");
        }
    }
}
