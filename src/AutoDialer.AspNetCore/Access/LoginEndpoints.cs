using System.Net;
using System.Security.Claims;
using System.Text;
using System.Text.Json.Nodes;
using AutoDialer.AspNetCore.Dashboard;
using AutoDialer.Core.StoredWords;
using AutoDialer.PostgreSql.Audit;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AutoDialer.AspNetCore.Access;

/// <summary>
/// Dashboard sign-in and sign-out with the standard cookie handler; the form is antiforgery-protected too. Every sign-in
/// and every refused one is in the audit trail (a refused one under the name typed). The sign-in
/// page's own style and script are served to anyone (the rest of the dashboard's files need a sign-in).
/// </summary>
internal static class LoginEndpoints
{
    /// <summary>The files the sign-in page loads, under <c>assets/</c>.</summary>
    private static readonly string[] SignInPageAssets = ["app.css", "login.js"];

    public static void Map(RouteGroupBuilder root)
    {
        // Literal routes: they take precedence over the dashboard's assets/{**path}, which requires the access policy.
        foreach (var asset in SignInPageAssets)
        {
            root.MapGet("/assets/" + asset, (HttpContext http) => DashboardEndpoints.Serve(asset, http))
                .AllowAnonymous().WithDashboardSecurityHeaders().ExcludeFromDescription();
        }

        root.MapGet("/login", (HttpContext http, IAntiforgery antiforgery, AccessCredentials credentials, AutoDialerRoutes routes, string? returnUrl) =>
                credentials.AreConfigured
                    ? Page(http, antiforgery, routes, returnUrl, error: false, StatusCodes.Status200OK)
                    : Results.Redirect(http.Request.PathBase + routes.Dashboard))
            .AllowAnonymous().WithDashboardSecurityHeaders().ExcludeFromDescription();

        root.MapPost("/login", async (HttpContext http, IAntiforgery antiforgery, DashboardPasswords passwords, AutoDialerRoutes routes,
                AccessCredentials credentials, AuditTrail audit, ILoggerFactory loggers) =>
            {
                if (!credentials.AreConfigured) return Results.Redirect(http.Request.PathBase + routes.Dashboard);
                if (!await antiforgery.IsRequestValidAsync(http))
                    return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Missing or invalid antiforgery token");
                var form = await http.Request.ReadFormAsync(http.RequestAborted);
                var returnUrl = form["returnUrl"].ToString();
                var typed = form["user"].ToString();
                if (passwords.Verify(typed, form["password"]) is not { } user)
                {
                    loggers.CreateLogger("AutoDialer.Access").LogWarning("Dashboard sign-in refused");
                    // Whatever was typed as the name (the password never), and whether it names a configured user.
                    var refused = AuditActors.SigningIn(http, typed);
                    await audit.RecordAsync(refused, new AuditEntry(AuditAction.SignInFailure, AuditTarget.User, refused.Name, null,
                        new JsonObject { ["known_user"] = credentials.FindUser(typed) is not null }), http.RequestAborted);
                    return Page(http, antiforgery, routes, returnUrl, error: true, StatusCodes.Status401Unauthorized);
                }
                await audit.RecordAsync(AuditActors.SigningIn(http, user.Name), new AuditEntry(AuditAction.SignIn, AuditTarget.User, user.Name, null,
                    new JsonObject { ["role"] = AccessRoles.ClaimValue(AccessRoles.Parse(user.Role) ?? AccessRole.Viewer) }), http.RequestAborted);
                await http.SignInAsync(AutoDialerAccess.CookieScheme, new ClaimsPrincipal(AccessIdentities.ForUser(user)));
                return Results.Redirect(SafeReturn(http, routes, returnUrl));
            })
            // Attempts are limited per client address (SignInLimitOptions), so passwords cannot be guessed at network speed.
            .AddEndpointFilter(((IEndpointRouteBuilder)root).ServiceProvider.GetRequiredService<SignInRateLimit>())
            .AllowAnonymous().WithDashboardSecurityHeaders().ExcludeFromDescription();

        root.MapPost("/logout", async (HttpContext http, IAntiforgery antiforgery, AutoDialerRoutes routes) =>
            {
                if (!await antiforgery.IsRequestValidAsync(http))
                    return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Missing or invalid antiforgery token");
                await http.SignOutAsync(AutoDialerAccess.CookieScheme);
                return Results.Redirect(http.Request.PathBase + routes.Login);
            })
            .AllowAnonymous().ExcludeFromDescription();
    }

    private static IResult Page(HttpContext http, IAntiforgery antiforgery, AutoDialerRoutes routes, string? returnUrl, bool error, int status)
    {
        var page = DashboardAssets.Find("login.html")!;
        var tokens = antiforgery.GetAndStoreTokens(http);
        var html = Encoding.UTF8.GetString(page.Bytes)
            .Replace("{{action}}", WebUtility.HtmlEncode(http.Request.PathBase + routes.Login))
            .Replace("{{csrf_field}}", WebUtility.HtmlEncode(tokens.FormFieldName))
            .Replace("{{csrf}}", WebUtility.HtmlEncode(tokens.RequestToken ?? ""))
            .Replace("{{return}}", WebUtility.HtmlEncode(returnUrl ?? ""))
            .Replace("{{error}}", error ? "" : "hidden");
        http.Response.Headers.CacheControl = "no-store";
        return Results.Content(html, "text/html; charset=utf-8", Encoding.UTF8, status);
    }

    // Only back into AutoDialer on this host: never an open redirect to another site.
    private static string SafeReturn(HttpContext http, AutoDialerRoutes routes, string? returnUrl)
    {
        var home = http.Request.PathBase + routes.Dashboard;
        if (string.IsNullOrEmpty(returnUrl) || !returnUrl.StartsWith('/') || returnUrl.StartsWith("//", StringComparison.Ordinal)
            || returnUrl.StartsWith("/\\", StringComparison.Ordinal))
            return home;
        return returnUrl.StartsWith(http.Request.PathBase + routes.Prefix + "/", StringComparison.Ordinal) ? returnUrl : home;
    }
}
