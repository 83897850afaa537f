using AutoDialer.PostgreSql;
using AutoDialer.PostgreSql.Migrations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace AutoDialer.AspNetCore.Jobs;

/// <summary>Brings the schema up to date before anything else starts; safe when several nodes start at once.</summary>
internal sealed class MigrateOnStart([FromKeyedServices(AutoDialerDataSource.ServiceKey)] NpgsqlDataSource dataSource, ILogger<MigrateOnStart> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var applied = await new MigrationRunner().ApplyAsync(dataSource, cancellationToken);
        if (applied.Count > 0)
            logger.LogInformation("Applied migrations: {Migrations}", string.Join(", ", applied));
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
