using System.Collections.Concurrent;
using AutoDialer.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace AutoDialer.AspNetCore.Tests.Observability;

/// <summary>
/// A collector as small as OTLP/HTTP allows, on 127.0.0.1: what a node configured with the standard
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> and <c>OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf</c> exports to <c>/v1/traces</c>
/// is decoded and kept; metrics and logs are accepted and dropped (the node's metrics are read from its scrape endpoint).
/// </summary>
internal sealed class OtlpTraceReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<OtlpSpan> _spans = new();

    private OtlpTraceReceiver(WebApplication app, Uri url) => (_app, Url) = (app, url);

    /// <summary>The value for <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> (the exporter appends <c>/v1/traces</c>).</summary>
    public Uri Url { get; }

    public IReadOnlyList<OtlpSpan> Spans => _spans.ToArray();

    /// <summary>Export requests that were not an OTLP trace request (the test fails on any).</summary>
    public ConcurrentQueue<string> Errors { get; } = new();

    public static async Task<OtlpTraceReceiver> StartAsync()
    {
        var url = new Uri($"http://127.0.0.1:{FreePort.Next()}");
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(url.GetLeftPart(UriPartial.Authority));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new OtlpTraceReceiver(app, url);
        app.MapPost("/v1/traces", receiver.ReceiveAsync);
        app.MapPost("/v1/{signal}", () => Accepted());
        await app.StartAsync();
        return receiver;
    }

    private async Task<IResult> ReceiveAsync(HttpRequest request)
    {
        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body);
        try
        {
            foreach (var span in OtlpTraceDecoder.Spans(body.ToArray())) _spans.Enqueue(span);
        }
        catch (Exception e) when (e is FormatException or ArgumentOutOfRangeException or IndexOutOfRangeException)
        {
            Errors.Enqueue($"{request.ContentType}: {e.Message}");
            return Results.BadRequest();
        }

        return Accepted();
    }

    /// <summary>An empty <c>Export*ServiceResponse</c>: everything accepted.</summary>
    private static IResult Accepted() => Results.Bytes([], "application/x-protobuf");

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
