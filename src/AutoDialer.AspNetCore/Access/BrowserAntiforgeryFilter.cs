using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;

namespace AutoDialer.AspNetCore.Access;

/// <summary>
/// CSRF protection for state-changing requests. A request a browser sends carries ambient credentials (the sign-in
/// cookie, or simply being on this machine when no credentials are configured), so it must also carry the
/// antiforgery token the dashboard page was given. A request with an API key, or from a program that is not a
/// browser (no cookie, no Origin, no fetch metadata), cannot be forged by another site and needs no token.
/// </summary>
internal sealed class BrowserAntiforgeryFilter(IAntiforgery antiforgery) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (ChangesState(http.Request.Method) && !http.Request.Headers.ContainsKey(AutoDialerAccess.ApiKeyHeader) && FromBrowser(http.Request))
        {
            try
            {
                await antiforgery.ValidateRequestAsync(http);
            }
            catch (AntiforgeryValidationException)
            {
                return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Missing or invalid antiforgery token",
                    detail: "Reload the dashboard page and try again.");
            }
        }
        return await next(context);
    }

    private static bool ChangesState(string method) =>
        !(HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method) || HttpMethods.IsTrace(method));

    internal static bool FromBrowser(HttpRequest request) =>
        request.Headers.Cookie.Count > 0 || request.Headers.Origin.Count > 0 || request.Headers.ContainsKey("Sec-Fetch-Site");
}
