using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace AutoDialer.AspNetCore.Dashboard;

/// <summary>
/// The headers on every response of the dashboard and its sign-in page (the pages, their scripts and styles). The
/// policy allows scripts, styles and everything else only from this server and as files: no inline script, no event
/// handler attributes, no eval, no style attributes, no plugins, no base element, not framed by another page. The
/// Hangfire Dashboard (<c>/hangfire</c>) is left out: its pages use inline scripts (docs/dashboard.md).
/// </summary>
internal static class DashboardSecurityHeaders
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

    /// <summary>
    /// Same-origin requests keep their full referrer (and their Origin header, which a no-referrer policy would turn
    /// into "null"); other sites learn nothing of the dashboard's URLs.
    /// </summary>
    public const string ReferrerPolicy = "same-origin";

    public static void Apply(HttpResponse response)
    {
        response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers["Referrer-Policy"] = ReferrerPolicy;
    }

    /// <summary>Adds the headers to every response of the endpoints built by <paramref name="builder"/>.</summary>
    public static TBuilder WithDashboardSecurityHeaders<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            Apply(context.HttpContext.Response);
            return await next(context);
        });
}
