using System.Net;
using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using AutoDialer.AspNetCore.Access;

namespace AutoDialer.AspNetCore.Dashboard;

/// <summary>
/// The dashboard: one page (<c>index.html</c>, the views switch on the URL fragment) and its modules and style, all
/// from the assembly. The page is given an antiforgery token for its state-changing calls. Its address always ends in
/// "/", so the page's relative URLs (<c>assets/…</c>, <c>api/…</c>) resolve under the prefix without a base element,
/// which the Content-Security-Policy forbids (<see cref="DashboardSecurityHeaders"/>).
/// </summary>
internal static class DashboardEndpoints
{
    public static void Map(RouteGroupBuilder secured, AutoDialerRoutes routes)
    {
        var dashboard = secured.MapGroup("").WithDashboardSecurityHeaders();

        // Routing answers "{prefix}" without the slash too: that address is sent on to "{prefix}/".
        dashboard.MapGet("/", (HttpContext http, IAntiforgery antiforgery, AccessCredentials credentials) =>
            {
                if (http.Request.Path.Value?.EndsWith('/') != true)
                    return Results.Redirect(http.Request.PathBase + routes.Dashboard + http.Request.QueryString);
                var page = DashboardAssets.Find("index.html")!;
                var tokens = antiforgery.GetAndStoreTokens(http);
                var html = Encoding.UTF8.GetString(page.Bytes)
                    .Replace("{{csrf}}", WebUtility.HtmlEncode(tokens.RequestToken ?? ""))
                    .Replace("{{csrf_header}}", WebUtility.HtmlEncode(tokens.HeaderName ?? "RequestVerificationToken"))
                    .Replace("{{user}}", WebUtility.HtmlEncode(credentials.AreConfigured ? http.User.FindFirstValue(ClaimTypes.Name) ?? "" : ""));
                http.Response.Headers.CacheControl = "no-store";
                return Results.Content(html, "text/html; charset=utf-8");
            })
            .ExcludeFromDescription();

        dashboard.MapGet("/assets/{**path}", (string path, HttpContext http) => Serve(path, http))
            .ExcludeFromDescription();
    }

    /// <summary>One embedded file, revalidated by its ETag each time so an upgraded host never serves last version's script.</summary>
    public static IResult Serve(string path, HttpContext http)
    {
        if (DashboardAssets.Find(path) is not { } asset) return Results.NotFound();
        http.Response.Headers.ETag = asset.ETag;
        http.Response.Headers.CacheControl = "no-cache";
        if (http.Request.Headers.IfNoneMatch == asset.ETag) return Results.StatusCode(StatusCodes.Status304NotModified);
        return Results.Bytes(asset.Bytes, asset.ContentType);
    }
}
