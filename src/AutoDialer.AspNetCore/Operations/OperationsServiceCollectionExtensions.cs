using AutoDialer.AspNetCore.Access;
using AutoDialer.AspNetCore.Api;
using AutoDialer.AspNetCore.Health;
using AutoDialer.PostgreSql;
using AutoDialer.PostgreSql.Agents;
using AutoDialer.PostgreSql.Campaigns;
using AutoDialer.PostgreSql.Dispatch;
using AutoDialer.PostgreSql.Import;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace AutoDialer.AspNetCore;

public static class OperationsServiceCollectionExtensions
{
    /// <summary>
    /// The API, dashboard, health checks and access rules that <c>MapAutoDialer</c> maps. Called by <c>AddAutoDialer</c>;
    /// registers its authentication schemes and policy under its own names and changes none of the application's defaults.
    /// </summary>
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
        services.TryAddSingleton<CampaignBoard>();
        services.TryAddSingleton<AgentBoard>();
        services.TryAddSingleton<JobBoard>();
        services.TryAddSingleton<LiveFeed>();
        services.TryAddSingleton<UploadStorage>();
        services.TryAddSingleton<DashboardPasswords>();

        services.TryAddSingleton<IRequestLocality, LoopbackRequestLocality>();
        services.AddSingleton<IAuthorizationHandler, LocalOrAuthenticatedHandler>();
        services.AddAuthentication()
            .AddCookie(AutoDialerAccess.CookieScheme, o =>
            {
                o.Cookie.Name = "AutoDialer.Auth";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.SlidingExpiration = true;
                o.Events.OnRedirectToLogin = SignInChallenge.RedirectOrRefuseAsync;
                o.Events.OnRedirectToAccessDenied = SignInChallenge.ForbidAsync;
            })
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(AutoDialerAccess.ApiKeyScheme, null)
            .AddPolicyScheme(AutoDialerAccess.Scheme, null, o => o.ForwardDefaultSelector = context =>
                context.Request.Headers.ContainsKey(AutoDialerAccess.ApiKeyHeader) ? AutoDialerAccess.ApiKeyScheme : AutoDialerAccess.CookieScheme);
        services.AddOptions<CookieAuthenticationOptions>(AutoDialerAccess.CookieScheme)
            .Configure<IOptions<AccessOptions>>((o, access) => o.ExpireTimeSpan = access.Value.SessionLifetime);
        services.AddAuthorizationBuilder()
            .AddPolicy(AutoDialerAccess.Policy, policy => policy
                .AddAuthenticationSchemes(AutoDialerAccess.Scheme)
                .AddRequirements(new LocalOrAuthenticatedRequirement()));
        services.AddAntiforgery();
        services.AddProblemDetails();
        services.AddOpenApi();

        services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database", tags: [HealthResponse.Tag])
            .AddCheck<JobServerHealthCheck>("jobs", tags: [HealthResponse.Tag])
            .AddCheck<ProviderHealthCheck>("provider", tags: [HealthResponse.Tag]);
        return services;
    }
}
