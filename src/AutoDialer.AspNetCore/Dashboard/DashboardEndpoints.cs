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
/// The dashboard: one page (<c>index.html</c>, the views switch on the URL fragment) and its script and style, all
/// from the assembly. The page is given its base address and an antiforgery token for its state-changing calls.
/// </summary>
internal static class DashboardEndpoints
{
    public static void Map(RouteGroupBuilder secured, AutoDialerRoutes routes)
    {
        // Also answers "{prefix}" without the slash (routing treats both alike); the page's base address is absolute either way.
        secured.MapGet("/", (HttpContext http, IAntiforgery antiforgery, AccessCredentials credentials) =>
            {
                var page = DashboardAssets.Find("index.html")!;
                var tokens = antiforgery.GetAndStoreTokens(http);
                var html = Encoding.UTF8.GetString(page.Bytes)
                    .Replace("{{base}}", WebUtility.HtmlEncode(http.Request.PathBase + routes.Dashboard))
                    .Replace("{{csrf}}", WebUtility.HtmlEncode(tokens.RequestToken ?? ""))
                    .Replace("{{csrf_header}}", WebUtility.HtmlEncode(tokens.HeaderName ?? "RequestVerificationToken"))
                    .Replace("{{user}}", WebUtility.HtmlEncode(credentials.AreConfigured ? http.User.FindFirstValue(ClaimTypes.Name) ?? "" : ""));
                http.Response.Headers.CacheControl = "no-store";
                return Results.Content(html, "text/html; charset=utf-8");
            })
            .ExcludeFromDescription();

        secured.MapGet("/assets/{name}", (string name, HttpContext http) =>
            {
                if (DashboardAssets.Find(name) is not { } asset) return Results.NotFound();
                http.Response.Headers.ETag = asset.ETag;
                // Revalidated each time so an upgraded host never serves a page with last version's script.
                http.Response.Headers.CacheControl = "no-cache";
                if (http.Request.Headers.IfNoneMatch == asset.ETag) return Results.StatusCode(StatusCodes.Status304NotModified);
                return Results.Bytes(asset.Bytes, asset.ContentType);
            })
            .ExcludeFromDescription();
    }
}
