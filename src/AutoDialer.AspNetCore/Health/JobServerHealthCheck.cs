using AutoDialer.Dialing;
using AutoDialer.AspNetCore.Jobs;
using AutoDialer.PostgreSql.Jobs;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Npgsql;

namespace AutoDialer.AspNetCore.Health;

/// <summary>
/// The job store answers through its own pool, and this node's Hangfire server is registered in it (<c>hangfire.server</c>
/// lists each running node; a server that stops sending heartbeats is removed by the others). Degraded while recurring
/// jobs are late (<see cref="SchedulingLag"/>): <c>late_recurring_jobs</c> names them with how late they are in seconds,
/// <c>blocking_lock</c> the lock most likely in their way with how long it has been held.
/// </summary>
internal sealed class JobServerHealthCheck(JobStorageConnections connections, SchedulingLag lag, IOptions<DialingOptions> dialing) : IHealthCheck
{
    private const string ServersSql = $"select count(*) from {JobStorageSchema.Name}.server";
    private const string ThisServerSql = $"select count(*) from {JobStorageSchema.Name}.server where id like $1";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var connection = await connections.DataSource.OpenConnectionAsync(cancellationToken);
            await using var all = new NpgsqlCommand(ServersSql, connection);
            var servers = (long)(await all.ExecuteScalarAsync(cancellationToken))!;
            // Hangfire names a server "{ServerName}:{process}:{guid}", lower-cased.
            await using var mine = new NpgsqlCommand(ThisServerSql, connection) { Parameters = { new() { Value = dialing.Value.Node.ToLowerInvariant() + ":%" } } };
            var registered = (long)(await mine.ExecuteScalarAsync(cancellationToken))! > 0;
            var data = new Dictionary<string, object> { ["servers"] = servers, ["this_node_registered"] = registered };
            var schedule = await lag.ReadAsync(cancellationToken);
            data["late_recurring_jobs"] = schedule.Late.ToDictionary(l => l.Id, l => (object)Math.Round(l.LateBy.TotalSeconds));
            if (schedule.Blocking is { } blocking)
                data["blocking_lock"] = new { resource = blocking.Resource, held_seconds = Math.Round(blocking.HeldFor.TotalSeconds, 1) };
            if (schedule.Late.Count > 0)
                return HealthCheckResult.Degraded(
                    $"{schedule.Late.Count} recurring job(s) late; lock {schedule.Blocking?.Resource ?? "(none held)"} held for {schedule.Blocking?.HeldFor.TotalSeconds ?? 0:0} s",
                    data: data);
            // Starting: the server registers once the host has started, a moment after the first health request may come.
            return HealthCheckResult.Healthy($"job store answers; {servers} job server(s)", data);
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or InvalidOperationException)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, $"the job store does not answer: {e.Message}");
        }
    }
}
