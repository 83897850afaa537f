using AutoDialer.AspNetCore.Access;
using AutoDialer.AspNetCore.Api;
using AutoDialer.AspNetCore.Health;
using AutoDialer.PostgreSql;
using AutoDialer.PostgreSql.Agents;
using AutoDialer.PostgreSql.Campaigns;
using AutoDialer.PostgreSql.Dispatch;
using AutoDialer.PostgreSql.Import;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AutoDialer.AspNetCore;

internal static class OperationsServiceCollectionExtensions
{
    /// <summary>
    /// The API, dashboard, health checks and access rules that <c>MapAutoDialer</c> maps. Called by <c>AddAutoDialer</c>;
    /// registers its authentication schemes and policies under its own names and changes none of the application's defaults
    /// but one: the Data Protection key ring, which it keeps in PostgreSQL so that every node shares it (see AddAutoDialerKeyRing).
    /// </summary>
    /// <summary>How long a readiness check may take before it counts as failed.</summary>
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(3);

    internal static IServiceCollection AddAutoDialerOperations(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<AutoDialerRoutes>();
        services.AddWithAutoDialerDataSource<CampaignStore>();
        services.AddWithAutoDialerDataSource<CampaignCounters>();
        services.AddWithAutoDialerDataSource<AttemptLog>();
        services.AddWithAutoDialerDataSource<AgentActivity>();
        services.AddWithAutoDialerDataSource<CallerNumberBoard>();
        services.AddWithAutoDialerDataSource<ImportSummaryReader>();
        services.AddWithAutoDialerDataSource<PostgreSql.Nodes.NodeReadinessBoard>();
        services.AddHostedService<NodeReadinessReporter>();
        services.TryAddSingleton<CampaignBoard>();
        services.TryAddSingleton<AgentBoard>();
        services.TryAddSingleton<JobBoard>();
        services.TryAddSingleton<LiveFeed>();
        services.TryAddSingleton<UploadStorage>();
        services.TryAddSingleton<DashboardPasswords>();
        services.AddAutoDialerAccess();
        services.AddAutoDialerKeyRing();
        services.AddAntiforgery();
        services.AddProblemDetails();
        services.AddOpenApi();
        // The API writes its own JSON (ApiJson.Options); the OpenAPI document is generated from the host's JSON options,
        // so the plug-in sets them to the API's, and the document shows the names the API reads and writes.
        services.ConfigureHttpJsonOptions(o => ApiJson.Apply(o.SerializerOptions));

        // The probes' checks answer within a few seconds whatever the database does, so a probe sees it gone at once.
        services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database", tags: [HealthResponse.Tag, ProbeResponse.ReadyTag], timeout: ProbeTimeout)
            .AddCheck<MigrationsHealthCheck>("migrations", tags: [ProbeResponse.ReadyTag], timeout: ProbeTimeout)
            .AddCheck<JobServerHeartbeatHealthCheck>("job_server", tags: [ProbeResponse.ReadyTag], timeout: ProbeTimeout)
            .AddCheck<JobServerHealthCheck>("jobs", tags: [HealthResponse.Tag])
            .AddCheck<ProviderHealthCheck>("provider", tags: [HealthResponse.Tag]);
        return services;
    }
}
