using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AutoDialer.Bridge.Tests.Support;

/// <summary>
/// A stand-in for Meiqia's Open API on a real Kestrel server on 127.0.0.1. WireMock.Net cannot be restored from
/// the package registry here (every 1.4–1.6 version and the recent ones miss dependencies such as
/// WireMock.Net.Abstractions, AnyOf or WireMock.Net.OpenTelemetry), so the tests script responses per path
/// with plain handlers and count the requests that arrive.
/// </summary>
public sealed class StubOpenApi : IAsyncDisposable
{
    public const string AccessToken = "stub-access-token-7f3a";

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, Func<HttpContext, Task>> _handlers = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<StubRequest> _requests = new();
    private readonly CancellationTokenSource _stopping = new();

    private StubOpenApi(WebApplication app) => _app = app;

    public Uri BaseUrl { get; private set; } = null!;

    public IReadOnlyList<StubRequest> Requests => _requests.ToArray();

    /// <summary>Cancelled when the stub stops, so a handler that stalls on purpose ends with the test.</summary>
    public CancellationToken Stopping => _stopping.Token;

    public int CountOf(string path) => _requests.Count(r => r.Path == path);

    public void On(string path, Func<HttpContext, Task> handler) => _handlers[path] = handler;

    public void OnJson(string path, int status, string json) => On(path, async context =>
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(json);
    });

    public static async Task<StubOpenApi> StartAsync()
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var stub = new StubOpenApi(app);
        app.Run(async context =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync();
            stub._requests.Enqueue(new StubRequest(context.Request.Method, context.Request.Path.Value ?? "", context.Request.Headers.Authorization.ToString(), body));
            if (stub._handlers.TryGetValue(context.Request.Path.Value ?? "", out var handler))
            {
                await handler(context);
            }
            else
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
            }
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        stub.BaseUrl = new Uri(address);
        return stub;
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await _app.StopAsync();
        await _app.DisposeAsync();
        _stopping.Dispose();
    }

    public sealed record StubRequest(string Method, string Path, string Authorization, string Body);
}
