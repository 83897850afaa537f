using AutoDialer.PostgreSql;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace AutoDialer.AspNetCore.Health;

/// <summary>The database answers a query within the check's time.</summary>
internal sealed class DatabaseHealthCheck([FromKeyedServices(AutoDialerDataSource.ServiceKey)] NpgsqlDataSource dataSource) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            await using var command = new NpgsqlCommand("select 1", connection);
            await command.ExecuteScalarAsync(cancellationToken);
            return HealthCheckResult.Healthy("PostgreSQL answers");
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or InvalidOperationException)
        {
            // The message only: a connection error can name the server, never the password, but keep stack traces out.
            return new HealthCheckResult(context.Registration.FailureStatus, $"PostgreSQL does not answer: {e.Message}");
        }
    }
}
