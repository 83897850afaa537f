using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using AutoDialer.AspNetCore.Observability;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AutoDialer.AspNetCore.Access;

/// <summary>
/// What a refused request gets: a page request is sent to the sign-in page when there is one; an API call gets a
/// status code (a redirect to an HTML form helps no program); with no credentials configured, a remote caller is told
/// that only local requests are served.
/// </summary>
internal static class SignInChallenge
{
    public static Task RedirectOrRefuseAsync(RedirectContext<CookieAuthenticationOptions> context)
    {
        var http = context.HttpContext;
        var routes = http.RequestServices.GetRequiredService<AutoDialerRoutes>();
        if (!http.RequestServices.GetRequiredService<AccessCredentials>().AreConfigured)
            return RefuseAsync(http, StatusCodes.Status403Forbidden,
                "AutoDialer serves only requests from this machine until AutoDialer:Auth is configured.");
        if (!IsPage(http.Request, routes))
            return RefuseAsync(http, StatusCodes.Status401Unauthorized, "Send an X-Api-Key header or sign in to the dashboard (an agent's vendor token also takes its bridge token as Authorization: Bearer).");

        var returnUrl = http.Request.PathBase + http.Request.Path + http.Request.QueryString;
        http.Response.Redirect($"{http.Request.PathBase}{routes.Login}?returnUrl={Uri.EscapeDataString(returnUrl)}");
        return Task.CompletedTask;
    }

    public static Task ForbidAsync(RedirectContext<CookieAuthenticationOptions> context) =>
        ForbidAsync(context.HttpContext, "Not allowed.");

    /// <summary>
    /// A 403: when the role rule refused the request (<see cref="RoleRequirement"/>), its problem names the role needed
    /// (<c>required_role</c>) and the caller's (<c>role</c>), so that a program or a person knows whom to ask.
    /// </summary>
    internal static Task ForbidAsync(HttpContext http, string otherwise)
    {
        if (http.Items[RoleRequirement.NeededRoleItem] is not AccessRole needed)
            return RefuseAsync(http, StatusCodes.Status403Forbidden, otherwise);
        var credentials = http.RequestServices.GetRequiredService<AccessCredentials>();
        var locality = http.RequestServices.GetRequiredService<IRequestLocality>();
        var held = AccessIdentities.RoleOf(http.User, credentials.AreConfigured, locality.IsLocal(http));
        var heldName = held is { } role ? AccessRoles.ClaimValue(role) : null;
        var neededName = AccessRoles.ClaimValue(needed);
        return RefuseAsync(http, StatusCodes.Status403Forbidden,
            $"This needs the {neededName} role{(heldName is null ? "" : $"; this credential's role is {heldName}")}.",
            new Dictionary<string, object?> { ["required_role"] = neededName, ["role"] = heldName });
    }

    // The agent bridge's token endpoints live at the root's /api whatever the prefix: never pages. Nor is the scrape
    // endpoint: a scraper sent to an HTML form would read it as a broken target, not as a missing credential.
    private static bool IsPage(HttpRequest request, AutoDialerRoutes routes) =>
        HttpMethods.IsGet(request.Method)
        && !request.Path.StartsWithSegments(routes.Api)
        && !request.Path.StartsWithSegments("/api")
        && !request.Path.StartsWithSegments(routes.Prefix + "/healthz")
        && !request.Path.StartsWithSegments(routes.Prefix + "/openapi")
        && !IsMetrics(request);

    private static bool IsMetrics(HttpRequest request)
    {
        var routes = request.HttpContext.RequestServices.GetRequiredService<AutoDialerRoutes>();
        var path = request.HttpContext.RequestServices.GetRequiredService<IOptions<ObservabilityOptions>>().Value.MetricsPath;
        return path.Length > 0 && request.Path.StartsWithSegments(routes.Prefix + path);
    }

    internal static Task RefuseAsync(HttpContext http, int status, string detail, IDictionary<string, object?>? extensions = null)
    {
        http.Response.StatusCode = status;
        var problem = new ProblemDetails { Status = status, Title = status == 401 ? "Unauthorized" : "Forbidden", Detail = detail };
        foreach (var (name, value) in extensions ?? new Dictionary<string, object?>())
            problem.Extensions[name] = value;
        return http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = problem,
        }).AsTask();
    }
}
