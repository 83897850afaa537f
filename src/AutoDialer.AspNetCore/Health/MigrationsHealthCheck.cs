using AutoDialer.PostgreSql;
using AutoDialer.PostgreSql.Migrations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace AutoDialer.AspNetCore.Health;

/// <summary>The database has every migration this version ships (a node started against an older schema is not ready).</summary>
internal sealed class MigrationsHealthCheck([FromKeyedServices(AutoDialerDataSource.ServiceKey)] NpgsqlDataSource dataSource) : IHealthCheck
{
    private const string AppliedSql = "select coalesce(max(version), 0) from schema_migrations";

    private static readonly Lazy<int> Shipped = new(() => Migration.FromEmbeddedResources().Max(m => m.Version));

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            await using var command = new NpgsqlCommand(AppliedSql, connection);
            var applied = Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
            return applied >= Shipped.Value
                ? HealthCheckResult.Healthy($"schema at migration {applied}")
                : new HealthCheckResult(context.Registration.FailureStatus, $"schema at migration {applied}, this version needs {Shipped.Value}");
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or InvalidOperationException)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, $"PostgreSQL does not answer: {e.Message}");
        }
    }
}
