using AutoDialer.AspNetCore.Bridge;
using AutoDialer.AspNetCore.Access;
using AutoDialer.AspNetCore.Api;
using AutoDialer.AspNetCore.Dashboard;
using AutoDialer.AspNetCore.Health;
using AutoDialer.AspNetCore.Observability;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AutoDialer.AspNetCore;

public static class AutoDialerEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps AutoDialer under <paramref name="prefix"/> ("" for the root): the dashboard at <c>{prefix}/</c>, the REST API
    /// under <c>{prefix}/api</c>, its OpenAPI document at <c>{prefix}/openapi/v1.json</c>, health at <c>{prefix}/healthz</c>,
    /// the dashboard sign-in, and the Hangfire Dashboard at <c>{prefix}/hangfire</c>. Everything but the sign-in page
    /// requires <see cref="AutoDialerAccess.Policy"/>.
    /// Needs <c>AddAutoDialer</c>. On a node that dials (<c>AddAutoDialerServer</c>), the agent bridge (its socket, script
    /// and token endpoints) is mapped too, at the root, where the workbench pages expect it (<c>MapAutoDialerBridge</c>);
    /// a node that does not dial takes no agent connections.
    /// </summary>
    /// <exception cref="InvalidOperationException">AddAutoDialer was not called.</exception>
    public static IEndpointConventionBuilder MapAutoDialer(this IEndpointRouteBuilder endpoints, string prefix = "")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        if (endpoints.ServiceProvider.GetService<AutoDialerMarker>() is null)
        {
            throw new InvalidOperationException(
                "MapAutoDialer needs AddAutoDialer: call builder.Services.AddAutoDialer(builder.Configuration) (or builder.AddAutoDialer()) before building the application.");
        }

        var routes = endpoints.ServiceProvider.GetRequiredService<AutoDialerRoutes>();
        routes.Prefix = AutoDialerRoutes.Normalize(prefix);

        var root = endpoints.MapGroup(routes.Prefix);
        LoginEndpoints.Map(root);

        var secured = root.MapGroup("").RequireAuthorization(AutoDialerAccess.Policy);
        var api = secured.MapGroup("/api").AddEndpointFilter<DatabaseUnavailableFilter>().AddEndpointFilter<BrowserAntiforgeryFilter>();
        CampaignEndpoints.Map(api);
        UploadEndpoints.Map(api);
        ReportEndpoints.Map(api);
        DncEndpoints.Map(api);
        InfoEndpoints.Map(api);
        JobEndpoints.Map(api);
        EventStreamEndpoints.Map(api);
        QuarantineEndpoints.Map(api);
        MeEndpoints.Map(api);
        AuditEndpoints.Map(api);

        secured.MapOpenApi("/openapi/{documentName}.json");
        secured.MapHealthChecks("/healthz", new HealthCheckOptions
        {
            Predicate = registration => registration.Tags.Contains(HealthResponse.Tag),
            ResponseWriter = HealthResponse.WriteAsync,
        });
        var observability = endpoints.ServiceProvider.GetRequiredService<IOptions<ObservabilityOptions>>().Value;
        var probes = observability.AnonymousHealthProbes ? root : secured;
        var live = probes.MapHealthChecks("/healthz/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = ProbeResponse.WriteAsync });
        var ready = probes.MapHealthChecks("/healthz/ready", new HealthCheckOptions
        {
            Predicate = registration => registration.Tags.Contains(ProbeResponse.ReadyTag),
            ResponseWriter = ProbeResponse.WriteAsync,
        });
        if (observability.AnonymousHealthProbes)
        {
            live.AllowAnonymous();
            ready.AllowAnonymous();
        }
        if (observability.MetricsPath.Length > 0)
        {
            var metrics = (observability.AnonymousMetrics ? root : secured).MapPrometheusScrapingEndpoint(observability.MetricsPath);
            if (observability.AnonymousMetrics) metrics.AllowAnonymous();
        }
        DashboardEndpoints.Map(secured, routes);
        JobDashboard.Map(endpoints, routes);
        if (endpoints.ServiceProvider.GetService<AutoDialerServerMarker>() is not null)
            endpoints.MapAutoDialerBridge();
        return secured;
    }
}
