using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using AutoDialer.PostgreSql;
using AutoDialer.PostgreSql.Dispatch;
using Npgsql;

namespace AutoDialer.AspNetCore.Api;

/// <summary>
/// A request that finds the database gone — restarting, failed over, unreachable — is answered 503 with
/// <c>Retry-After</c>, not 500, and the connection pool is emptied: after a restart every idle pooled connection is
/// dead (Npgsql does not check them before handing them out), so without this each of them would fail one more
/// request once the database is back. The request's transaction died with its connection, so trying again is safe.
/// A change that waited its bound for calls being placed (<see cref="DialFenceBusyException"/>) is answered 503 too,
/// saying so: it changed nothing.
/// </summary>
internal sealed class DatabaseUnavailableFilter([FromKeyedServices(AutoDialerDataSource.ServiceKey)] NpgsqlDataSource dataSource, ILogger<DatabaseUnavailableFilter> logger) : IEndpointFilter
{
    /// <summary>Seconds a client should wait before trying again.</summary>
    public const int RetryAfterSeconds = 1;

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (DialFenceBusyException e) when (!context.HttpContext.Response.HasStarted)
        {
            // Not an outage: the change waited its bound for calls being placed (a node that froze holding them is cut off
            // by PostgreSQL soon after), rolled back, and says so.
            logger.LogWarning("{Method} {Path}: {Reason}", context.HttpContext.Request.Method, context.HttpContext.Request.Path, e.Message);
            context.HttpContext.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Calls being placed did not finish", detail: e.Message);
        }
        // A client that gave up on its request cancelled its read: not an outage (the request ends as aborted).
        catch (NpgsqlException e) when (!context.HttpContext.RequestAborted.IsCancellationRequested && DatabaseUnavailable.Is(e)
                                        && !context.HttpContext.Response.HasStarted)
        {
            dataSource.Clear();
            logger.LogWarning("{Method} {Path}: the database is unavailable ({Reason}); answered 503 and emptied the connection pool",
                context.HttpContext.Request.Method, context.HttpContext.Request.Path, e.Message);
            context.HttpContext.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "The database is unavailable",
                detail: $"PostgreSQL could not be reached or is restarting ({e.Message}). Nothing was saved by this request; try again in a moment.");
        }
    }
}
