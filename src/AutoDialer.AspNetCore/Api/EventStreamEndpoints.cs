using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace AutoDialer.AspNetCore.Api;

/// <summary>
/// Server-sent events for the dashboard: <c>GET /api/events?topics=campaigns,campaign:7</c> sends each topic's snapshot
/// at once and again whenever it changes (checked every <see cref="OperationsOptions.LiveUpdateInterval"/>), with a
/// comment every 15 s so proxies keep the connection open.
/// </summary>
internal static class EventStreamEndpoints
{
    private static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(15);

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/events", StreamAsync).WithTags("Live updates")
            .Produces(StatusCodes.Status200OK, contentType: "text/event-stream").ProducesValidationProblem();
    }

    private static async Task<IResult> StreamAsync(HttpContext http, LiveFeed feed, IOptions<OperationsOptions> options, TimeProvider clock,
        IHostApplicationLifetime lifetime)
    {
        var topics = http.Request.Query["topics"].ToString()
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct().ToList();
        if (topics.Count == 0) return Problems.Invalid("topics", "Name at least one topic: campaigns, campaign:{id}, agents, jobs, uploads.");
        if (topics.FirstOrDefault(t => !LiveFeed.IsTopic(t)) is { } unknown)
            return Problems.Invalid("topics", $"'{unknown}' is not a topic; use campaigns, campaign:{{id}}, agents, jobs, uploads.");

        // Also ended when the host stops: an open dashboard must not hold a shutdown for its whole timeout (the page's
        // EventSource reconnects by itself, to whichever node serves it next).
        using var ended = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, lifetime.ApplicationStopping);
        var cancellation = ended.Token;
        http.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        http.Response.ContentType = "text/event-stream";
        http.Response.Headers.CacheControl = "no-cache";
        http.Response.Headers["X-Accel-Buffering"] = "no";

        var sent = new Dictionary<string, string>();
        var lastWrite = clock.GetUtcNow();
        using var timer = new PeriodicTimer(options.Value.LiveUpdateInterval, clock);
        try
        {
            do
            {
                foreach (var topic in topics)
                {
                    var json = await feed.SnapshotAsync(topic, cancellation) ?? "null";
                    if (sent.TryGetValue(topic, out var previous) && previous == json) continue;
                    sent[topic] = json;
                    await WriteAsync(http.Response, $"event: {topic}\ndata: {json}\n\n", cancellation);
                    lastWrite = clock.GetUtcNow();
                }
                if (clock.GetUtcNow() - lastWrite >= Heartbeat)
                {
                    await WriteAsync(http.Response, ": ping\n\n", cancellation);
                    lastWrite = clock.GetUtcNow();
                }
            }
            while (await timer.WaitForNextTickAsync(cancellation));
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            // The page was closed or navigated away, or the host is stopping: the normal end of a stream.
        }
        return Results.Empty;
    }

    private static async Task WriteAsync(HttpResponse response, string text, CancellationToken cancellationToken)
    {
        await response.Body.WriteAsync(Encoding.UTF8.GetBytes(text), cancellationToken);
        await response.Body.FlushAsync(cancellationToken);
    }
}
