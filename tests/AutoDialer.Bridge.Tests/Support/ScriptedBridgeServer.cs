using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AutoDialer.Bridge.Tests.Support;

/// <summary>
/// A bridge server the test drives by hand, for the page side of protocol parts the real server does not speak yet
/// (acknowledgements): it hands out tokens, welcomes every hello, and gives the test each connection to read from,
/// write to and drop.
/// </summary>
public sealed class ScriptedBridgeServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Channel<Connection> _connections = Channel.CreateUnbounded<Connection>();

    private ScriptedBridgeServer(WebApplication app) => _app = app;

    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>Refuses bridge tokens, as a node that is down (or starting) would fail the page's first request.</summary>
    public bool Unavailable { get; set; }

    public static async Task<ScriptedBridgeServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new ScriptedBridgeServer(app);
        app.UseWebSockets();
        app.MapPost("/api/agents/{agentId}/bridge-token", (string agentId) =>
            server.Unavailable ? Results.StatusCode(StatusCodes.Status503ServiceUnavailable) : Results.Json(new { token = "token-" + agentId }));
        app.Map("/autodialer/bridge", server.AcceptAsync);
        await app.StartAsync();
        server.BaseUrl = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return server;
    }

    /// <summary>The next page connection, once its hello has been welcomed.</summary>
    public async Task<Connection> NextConnectionAsync(CancellationToken cancellationToken) =>
        await _connections.Reader.ReadAsync(cancellationToken);

    private async Task AcceptAsync(HttpContext context)
    {
        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        var connection = new Connection(socket);
        var hello = await connection.ReceiveAsync(context.RequestAborted);
        connection.Hello = hello;
        await connection.SendAsync(new { type = "welcome", sessionId = Guid.NewGuid().ToString("N"), agentId = hello.GetProperty("agentId").GetString(), provider = "udesk", serverTime = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), heartbeatMs = 10_000 });
        await _connections.Writer.WriteAsync(connection);
        await connection.Closed.Task;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    public sealed class Connection(WebSocket socket)
    {
        public JsonElement Hello { get; set; }

        public TaskCompletionSource Closed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>The page's next message; pongs and results are skipped unless asked for.</summary>
        public async Task<JsonElement> ReceiveAsync(CancellationToken cancellationToken)
        {
            var buffer = new byte[1 << 16];
            using var message = new MemoryStream();
            while (true)
            {
                var result = await socket.ReceiveAsync(buffer, cancellationToken);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    throw new WebSocketException("the page closed the connection");
                }

                message.Write(buffer, 0, result.Count);
                if (result.EndOfMessage)
                {
                    return JsonDocument.Parse(message.ToArray()).RootElement.Clone();
                }
            }
        }

        /// <summary>The page's next <c>event</c> message.</summary>
        /// <summary>The next message of <paramref name="type"/>, passing over the others (the page's call-state reports, say).</summary>
        public async Task<JsonElement> NextAsync(string type, CancellationToken cancellationToken)
        {
            while (true)
            {
                var message = await ReceiveAsync(cancellationToken);
                if (message.GetProperty("type").GetString() == type)
                {
                    return message;
                }
            }
        }

        public async Task<JsonElement> NextEventAsync(CancellationToken cancellationToken)
        {
            while (true)
            {
                var message = await ReceiveAsync(cancellationToken);
                if (message.GetProperty("type").GetString() == "event")
                {
                    return message;
                }
            }
        }

        public Task SendAsync(object message) =>
            socket.SendAsync(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(message)), WebSocketMessageType.Text, true, CancellationToken.None);

        /// <summary>Drops the connection without a close handshake, as a crashed node would.</summary>
        public void Drop()
        {
            socket.Abort();
            Closed.TrySetResult();
        }
    }
}
