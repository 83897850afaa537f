using System.Globalization;
using AutoDialer.AspNetCore.Access;
using Hangfire;
using Hangfire.Dashboard;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace AutoDialer.AspNetCore.Dashboard;

/// <summary>
/// The Hangfire Dashboard at <c>{prefix}/hangfire</c>, behind AutoDialer's own access policy (local requests, or signed
/// in / an API key) instead of Hangfire's filters, on this host's own storage, in the language of AutoDialer's dashboard.
/// Read-only (no trigger, requeue or delete buttons) for a caller without <see cref="Permission.RunJobs"/>; its POSTs are
/// refused to such a caller anyway by the policy's role rule (a POST that declares nothing needs admin).
/// </summary>
internal static class JobDashboard
{
    /// <summary>The cookie AutoDialer's dashboard writes when its language is chosen (app.js).</summary>
    public const string LanguageCookie = "autodialer.lang";

    private static readonly CultureInfo Chinese = CultureInfo.GetCultureInfo("zh-CN");
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-US");

    public static void Map(IEndpointRouteBuilder endpoints, AutoDialerRoutes routes) =>
        endpoints.MapHangfireDashboardWithAuthorizationPolicy(AutoDialerAccess.Policy, routes.Hangfire, new DashboardOptions
            {
                AppPath = routes.Dashboard,
                DashboardTitle = "AutoDialer · Hangfire",
                DisplayStorageConnectionString = false,
                IsReadOnlyFunc = context => !MayRunJobs(context.GetHttpContext()),
            }, endpoints.ServiceProvider.GetRequiredService<JobStorage>())
            .Add(endpoint =>
            {
                var dashboard = endpoint.RequestDelegate!;
                endpoint.RequestDelegate = context =>
                {
                    // Hangfire renders its pages with the current UI culture (it ships Chinese and English texts).
                    CultureInfo.CurrentUICulture = LanguageOf(context.Request);
                    return dashboard(context);
                };
            });

    private static bool MayRunJobs(HttpContext http)
    {
        var credentials = http.RequestServices.GetRequiredService<AccessCredentials>();
        var locality = http.RequestServices.GetRequiredService<IRequestLocality>();
        return AccessIdentities.RoleOf(http.User, credentials.AreConfigured, locality.IsLocal(http)) >= Permission.RunJobs.MinimumRole();
    }

    /// <summary>The dashboard's choice (its cookie), else the browser's first language: Chinese or English.</summary>
    public static CultureInfo LanguageOf(HttpRequest request)
    {
        if (request.Cookies[LanguageCookie] is { } chosen)
            return chosen == "zh" ? Chinese : English;
        var preferred = request.GetTypedHeaders().AcceptLanguage.OrderByDescending(l => l.Quality ?? 1).FirstOrDefault();
        return preferred?.Value.Value?.StartsWith("zh", StringComparison.OrdinalIgnoreCase) == true ? Chinese : English;
    }
}
