using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

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
        RefuseAsync(context.HttpContext, StatusCodes.Status403Forbidden, "Not allowed.");

    // The agent bridge's token endpoints live at the root's /api whatever the prefix: never pages.
    private static bool IsPage(HttpRequest request, AutoDialerRoutes routes) =>
        HttpMethods.IsGet(request.Method)
        && !request.Path.StartsWithSegments(routes.Api)
        && !request.Path.StartsWithSegments("/api")
        && !request.Path.StartsWithSegments(routes.Prefix + "/healthz")
        && !request.Path.StartsWithSegments(routes.Prefix + "/openapi");

    internal static Task RefuseAsync(HttpContext http, int status, string detail)
    {
        http.Response.StatusCode = status;
        return http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = { Status = status, Title = status == 401 ? "Unauthorized" : "Forbidden", Detail = detail },
        }).AsTask();
    }
}
