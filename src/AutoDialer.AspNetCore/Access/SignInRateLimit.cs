using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AutoDialer.AspNetCore.Access;

/// <summary>
/// The rate limit on dashboard sign-in attempts: a fixed window per client address (<see cref="SignInLimitOptions"/>), the
/// partitioned limiter ASP.NET Core's rate limiting middleware is built on, applied as a filter of the sign-in endpoint so
/// that it holds in any host, whether or not the host adds that middleware to its pipeline.
/// </summary>
internal sealed class SignInRateLimit : IEndpointFilter, IDisposable
{
    private readonly PartitionedRateLimiter<HttpContext> _limiter;
    private readonly ILogger _logger;

    public SignInRateLimit(IOptions<SignInLimitOptions> options, ILoggerFactory loggers)
    {
        var limit = options.Value;
        _logger = loggers.CreateLogger("AutoDialer.Access");
        _limiter = PartitionedRateLimiter.Create<HttpContext, string>(http => RateLimitPartition.GetFixedWindowLimiter(
            ClientOf(http),
            _ => new FixedWindowRateLimiterOptions { PermitLimit = limit.PermitLimit, Window = limit.Window, QueueLimit = 0, AutoReplenishment = true }));
    }

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        using var lease = await _limiter.AcquireAsync(http, permitCount: 1, http.RequestAborted);
        if (lease.IsAcquired)
            return await next(context);

        _logger.LogWarning("Dashboard sign-in attempts from {Client} beyond the limit refused", ClientOf(http));
        if (lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
            http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        return Results.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many sign-in attempts",
            detail: "Wait before trying again.");
    }

    /// <summary>The client's address: the peer, or, behind a configured proxy, the client it forwarded for.</summary>
    private static string ClientOf(HttpContext http) => http.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    public void Dispose() => _limiter.Dispose();
}
