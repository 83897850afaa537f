using System.Buffers;
using System.Net.WebSockets;
using System.Text.Json;
using AutoDialer.Telephony.Bridge;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace AutoDialer.AspNetCore.Bridge;

/// <summary>
/// Runs one workbench connection: the hello with its bridge token, then events and results in, commands and
/// pings out, until the page goes, stops answering heartbeats, or a newer session of its agent replaces it.
/// </summary>
/// <remarks>
/// Plain WebSockets rather than SignalR: the page-side script must have no third-party runtime dependency
/// (SignalR needs its JS client), the protocol is a handful of JSON messages with our own ids, deadlines and
/// heartbeats, and nothing here needs SignalR's groups, fallbacks or scale-out. The token travels in the first
/// message, not the URL, so it never lands in access logs.
/// </remarks>
public sealed class BridgeWebSocketHandler(
    BridgeAccounts accounts,
    BridgeTokens tokens,
    BridgeSessionDirectory directory,
    BridgeOptions options,
    TimeProvider time,
    ILogger<BridgeWebSocketHandler> logger)
{
    public const int MaxMessageBytes = 1 << 20;

    public async Task HandleAsync(HttpContext context)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            await context.Response.WriteAsync("a WebSocket upgrade is expected here", context.RequestAborted);
            return;
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        using var transport = new WebSocketBridgeTransport(socket);
        var aborted = context.RequestAborted;

        var hello = await ReadHelloAsync(socket, aborted);
        if (hello is null)
        {
            await transport.CloseAsync(BridgeProtocol.CloseUnauthorized, "a hello with a valid bridge token is required", aborted);
            return;
        }

        var (grant, sessions) = hello.Value;
        var session = sessions.Connect(grant.AgentId, transport);
        logger.LogInformation("Bridge session {SessionId} connected: {Provider} account {Account}, agent {AgentId}", session.Id, sessions.Provider, sessions.AccountId, grant.AgentId);
        await directory.RegisterAsync(session, aborted);

        var closeStatus = WebSocketCloseStatus.NormalClosure;
        var closeReason = "closed";
        var lastSeen = time.GetTimestamp();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(aborted, session.Ended);
        try
        {
            await transport.SendAsync(BridgeProtocol.WelcomeMessage(session.Id, session.AgentId, session.Provider, time.GetUtcNow(), options.HeartbeatInterval), stop.Token);
            var heartbeat = HeartbeatAsync(session, transport, () => lastSeen, stop);
            var buffer = new ArrayBufferWriter<byte>(4096);
            while (!stop.IsCancellationRequested)
            {
                var message = await ReceiveAsync(socket, buffer, stop.Token);
                if (message is null)
                {
                    closeReason = "the page closed the connection";
                    break;
                }

                lastSeen = time.GetTimestamp();
                await DispatchAsync(session, transport, message.Value, stop.Token);
            }

            await stop.CancelAsync();
            await heartbeat.ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
        catch (WebSocketException exception)
        {
            closeReason = "connection lost: " + exception.Message;
        }
        finally
        {
            if (session.EndReason is { } reason)
            {
                closeReason = reason;
                closeStatus = (WebSocketCloseStatus)session.EndStatus;
            }

            sessions.Disconnect(session, closeReason);
            logger.LogInformation("Bridge session {SessionId} of agent {AgentId} ended: {Reason}", session.Id, session.AgentId, closeReason);
            using var closing = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await transport.CloseAsync((int)closeStatus, closeReason.Length > 120 ? closeReason[..120] : closeReason, closing.Token);
            await directory.UnregisterAsync(session, CancellationToken.None);
        }
    }

    private async Task<(BridgeToken Grant, BridgeSessions Sessions)?> ReadHelloAsync(WebSocket socket, CancellationToken aborted)
    {
        using var timeout = new CancellationTokenSource(options.HelloTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(aborted, timeout.Token);
        JsonElement? message;
        try
        {
            message = await ReceiveAsync(socket, new ArrayBufferWriter<byte>(1024), linked.Token);
        }
        catch (Exception exception) when (exception is OperationCanceledException or WebSocketException)
        {
            logger.LogWarning("Bridge connection refused: no hello in time");
            return null;
        }

        if (message is not { } hello || Text(hello, "type") != BridgeProtocol.Hello)
        {
            logger.LogWarning("Bridge connection refused: the first message is not a hello");
            return null;
        }

        if (tokens.Validate(Text(hello, "token")) is not { } grant)
        {
            logger.LogWarning("Bridge connection refused: invalid or expired bridge token");
            return null;
        }

        var claimed = Text(hello, "agentId");
        var provider = Text(hello, "provider");
        var sessions = accounts.Find(grant.ProviderAccount);
        if (sessions is null
            || (claimed is not null && claimed != grant.AgentId)
            || (provider is not null && provider != sessions.Provider))
        {
            logger.LogWarning(
                "Bridge connection refused: the token for agent {AgentId} of account {Account} does not fit the hello (agent {Claimed}, provider {Provider})",
                grant.AgentId, grant.ProviderAccount, claimed, provider);
            return null;
        }

        return (grant, sessions);
    }

    private async Task DispatchAsync(BridgeSession session, WebSocketBridgeTransport transport, JsonElement message, CancellationToken cancellationToken)
    {
        switch (Text(message, "type"))
        {
            case BridgeProtocol.Event:
            {
                var name = Text(message, "name") ?? "";
                var payload = message.TryGetProperty("payload", out var p) ? p : default;
                DateTimeOffset? timestamp = message.TryGetProperty("timestamp", out var t) && t.TryGetInt64(out var ms)
                    ? DateTimeOffset.FromUnixTimeMilliseconds(ms)
                    : null;
                var verdict = session.Report(Text(message, "agentId"), name, timestamp, payload);
                if (verdict != BridgeEventVerdict.Accepted)
                {
                    await transport.SendAsync(BridgeProtocol.RejectedMessage($"event {name}: {verdict}"), cancellationToken);
                }

                break;
            }

            case BridgeProtocol.Result:
                if (Text(message, "id") is { } id && BridgeProtocol.ParseStatus(Text(message, "status")) is { } status)
                {
                    session.CompleteCommand(id, status, message.TryGetProperty("value", out var value) ? value : default);
                }

                break;
            case BridgeProtocol.Pong:
                break;
            default:
                logger.LogDebug("Bridge message of unknown type from agent {AgentId} ignored", session.AgentId);
                break;
        }
    }

    /// <summary>Pings on every interval; a session silent for longer than the heartbeat timeout is ended, and so
    /// is one whose row in <c>bridge_sessions</c> was taken by a newer session on another node.</summary>
    private async Task HeartbeatAsync(BridgeSession session, WebSocketBridgeTransport transport, Func<long> lastSeen, CancellationTokenSource stop)
    {
        using var timer = new PeriodicTimer(options.HeartbeatInterval, time);
        long ping = 0;
        try
        {
            while (await timer.WaitForNextTickAsync(stop.Token))
            {
                if (time.GetElapsedTime(lastSeen()) > options.HeartbeatTimeout)
                {
                    logger.LogWarning("Bridge session {SessionId} of agent {AgentId} missed its heartbeats; dropping it", session.Id, session.AgentId);
                    EndSession(session, "heartbeat timeout", BridgeProtocol.CloseHeartbeatTimeout, stop);
                    return;
                }

                if (!await directory.TouchAsync(session, time.GetUtcNow(), stop.Token))
                {
                    EndSession(session, "replaced by a newer session of the same agent on another node", BridgeProtocol.CloseReplaced, stop);
                    return;
                }

                await transport.SendAsync(BridgeProtocol.PingMessage(++ping), stop.Token);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
        catch (WebSocketException)
        {
            stop.Cancel();
        }
    }

    private void EndSession(BridgeSession session, string reason, int status, CancellationTokenSource stop)
    {
        accounts.Find(session.AccountId)?.Disconnect(session, reason, status);
        stop.Cancel();
    }

    /// <summary>One whole text message as JSON; null when the page closed. Oversized or non-JSON messages end
    /// the connection: the script never sends them.</summary>
    private static async Task<JsonElement?> ReceiveAsync(WebSocket socket, ArrayBufferWriter<byte> buffer, CancellationToken cancellationToken)
    {
        buffer.ResetWrittenCount();
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer.GetMemory(4096), cancellationToken);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return null;
            }

            buffer.Advance(result.Count);
            if (buffer.WrittenCount > MaxMessageBytes)
            {
                throw new WebSocketException("message too large");
            }

            if (result.EndOfMessage)
            {
                break;
            }
        }

        try
        {
            using var document = JsonDocument.Parse(buffer.WrittenMemory);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            throw new WebSocketException("a message is not JSON");
        }
    }

    private static string? Text(JsonElement obj, string name) =>
        obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
