using AutoDialer.AspNetCore.Bridge;
using AutoDialer.PostgreSql;
using AutoDialer.PostgreSql.DataProtection;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace AutoDialer.AspNetCore.Access;

internal static class AccessServiceCollectionExtensions
{
    /// <summary>
    /// The one access policy (<see cref="AutoDialerAccess"/>): API keys, dashboard sign-ins and bridge tokens, the agent
    /// scope of the token endpoints, forwarded headers from configured proxies, the sign-in rate limit.
    /// </summary>
    internal static IServiceCollection AddAutoDialerAccess(this IServiceCollection services)
    {
        services.TryAddSingleton<AccessCredentials>();
        services.TryAddSingleton<IRequestLocality, LoopbackRequestLocality>();
        services.AddSingleton<IAuthorizationHandler, LocalOrAuthenticatedHandler>();
        services.AddSingleton<IAuthorizationHandler, ActForAgentHandler>();
        services.AddSingleton<IAuthorizationHandler, RoleHandler>();
        services.AddSingleton<SignInRateLimit>();
        services.AddTransient<IStartupFilter, ForwardedHeadersStartupFilter>();
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
                o.Events.OnValidatePrincipal = SignInValidation.ValidateAsync;
            })
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(AutoDialerAccess.ApiKeyScheme, null)
            .AddScheme<AuthenticationSchemeOptions, BridgeTokenAuthenticationHandler>(AutoDialerAccess.BridgeTokenScheme, null)
            .AddPolicyScheme(AutoDialerAccess.Scheme, null, o => o.ForwardDefaultSelector = context =>
                context.Request.Headers.ContainsKey(AutoDialerAccess.ApiKeyHeader) ? AutoDialerAccess.ApiKeyScheme
                : BridgeTokenAuthenticationHandler.HasBearer(context.Request) ? AutoDialerAccess.BridgeTokenScheme
                : AutoDialerAccess.CookieScheme);
        services.AddOptions<CookieAuthenticationOptions>(AutoDialerAccess.CookieScheme)
            .Configure<IOptions<AccessOptions>>((o, access) => o.ExpireTimeSpan = access.Value.SessionLifetime);
        services.AddAuthorizationBuilder()
            .AddPolicy(AutoDialerAccess.Policy, policy => policy
                .AddAuthenticationSchemes(AutoDialerAccess.Scheme)
                .AddRequirements(new LocalOrAuthenticatedRequirement(acceptsBridgeTokens: false), RoleRequirement.Instance))
            .AddPolicy(AutoDialerAccess.AgentPolicy, policy => policy
                .AddAuthenticationSchemes(AutoDialerAccess.Scheme)
                .AddRequirements(new LocalOrAuthenticatedRequirement(acceptsBridgeTokens: true), RoleRequirement.Instance));
        return services;
    }

    /// <summary>
    /// ASP.NET Core Data Protection (which protects the sign-in cookie and antiforgery tokens) with its key ring in
    /// PostgreSQL (<see cref="DataProtectionKeyTable"/>) and one application name, so that every node reads what any node
    /// wrote. An application that keeps its own key ring configures it after AddAutoDialer (the later setting wins).
    /// </summary>
    internal static IServiceCollection AddAutoDialerKeyRing(this IServiceCollection services)
    {
        services.AddDataProtection().SetApplicationName(AutoDialerAccess.ApplicationName);
        services.AddOptions<KeyManagementOptions>().Configure<IServiceProvider>((options, provider) =>
            options.XmlRepository = new DataProtectionKeyTable(provider.GetRequiredKeyedService<NpgsqlDataSource>(AutoDialerDataSource.ServiceKey)));
        return services;
    }
}
