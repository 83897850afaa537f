using System.Buffers;
using System.Net.WebSockets;
using System.Text.Json;
using AutoDialer.Dialing.Agents;
using AutoDialer.Telephony.Bridge;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
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
internal sealed class BridgeWebSocketHandler(
    BridgeAccounts accounts,
    BridgeTokens tokens,
    BridgeSessionDirectory directory,
    PageRequests requests,
    BridgeOptions options,
    TimeProvider time,
    IHostApplicationLifetime lifetime,
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

        // The server ends a session (replaced, heartbeat lost, shutting down) by sending a close frame and letting
        // the receive loop see the page's answer; cancelling a pending receive would abort the socket instead, and
        // the page could not tell a replacement (do not reconnect) from a network failure (reconnect).
        var endRequested = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var onEnded = session.Ended.Register(() => endRequested.TrySetResult());
        using var onStopping = lifetime.ApplicationStopping.Register(() => _ = EndWhenDrainedAsync(sessions, session, aborted));
        using var heartbeatStop = CancellationTokenSource.CreateLinkedTokenSource(aborted, session.Ended);
        var lastSeen = time.GetTimestamp();
        var closeReason = "the page closed the connection";
        Task heartbeat = Task.CompletedTask;
        try
        {
            await transport.SendWelcomeAsync(BridgeProtocol.WelcomeMessage(session.Id, session.AgentId, session.Provider, time.GetUtcNow(), options.HeartbeatInterval), aborted);
            // A page whose message is still being handled is not silent: an event waiting for room in a full queue holds
            // the receive loop (and the page's pongs behind it), and the page must not be dropped for that.
            var handling = 0;
            heartbeat = HeartbeatAsync(session, sessions, transport,
                () => Volatile.Read(ref handling) == 1 ? time.GetTimestamp() : Volatile.Read(ref lastSeen), heartbeatStop.Token);
            var receiving = ReceiveLoopAsync(socket, session, transport, busy =>
            {
                Volatile.Write(ref lastSeen, time.GetTimestamp());
                Volatile.Write(ref handling, busy ? 1 : 0);
            }, aborted);
            if (await Task.WhenAny(receiving, endRequested.Task) == endRequested.Task)
            {
                closeReason = session.EndReason ?? "ended by the server";
                await transport.CloseAsync(session.EndStatus, Truncate(closeReason), aborted);
                using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(2), time);
                if (await Task.WhenAny(receiving, Task.Delay(Timeout.Infinite, grace.Token)) != receiving)
                {
                    // The page did not answer the close: it is gone or hung.
                    socket.Abort();
                }
            }

            closeReason = await receiving is { } error && session.EndReason is null ? error : closeReason;
        }
        catch (Exception exception) when (exception is OperationCanceledException or WebSocketException)
        {
            closeReason = "connection lost: " + exception.Message;
        }
        finally
        {
            await heartbeatStop.CancelAsync();
            await heartbeat;
            sessions.Disconnect(session, closeReason);
            logger.LogInformation("Bridge session {SessionId} of agent {AgentId} ended: {Reason}", session.Id, session.AgentId, session.EndReason ?? closeReason);
            using var closing = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await transport.CloseAsync(session.EndStatus, Truncate(session.EndReason ?? closeReason), closing.Token);
            await directory.UnregisterAsync(session, CancellationToken.None);
        }
    }

    /// <summary>
    /// A graceful stop: the account takes no more events, and this session is ended (its socket closed) only once every
    /// event the account accepted is committed and acknowledged, so the page forgets exactly what is stored. Bounded by
    /// the host's shutdown timeout, after which the server aborts the connection.
    /// </summary>
    private async Task EndWhenDrainedAsync(BridgeSessions sessions, BridgeSession session, CancellationToken aborted)
    {
        sessions.Queue.StopTaking();
        try
        {
            await sessions.Queue.Drained.WaitAsync(aborted);
        }
        catch (OperationCanceledException)
        {
            logger.LogWarning("Bridge session {SessionId} of agent {AgentId} closed before its account's events were all committed", session.Id, session.AgentId);
        }

        sessions.Disconnect(session, "the server is shutting down");
    }

    /// <summary>Takes the page's messages until it closes; returns null then, or why the connection failed.</summary>
    private async Task<string?> ReceiveLoopAsync(WebSocket socket, BridgeSession session, WebSocketBridgeTransport transport, Action<bool> handling, CancellationToken aborted)
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        try
        {
            while (true)
            {
                var message = await ReceiveAsync(socket, buffer, aborted);
                if (message is null)
                {
                    return null;
                }

                handling(true);
                try
                {
                    await DispatchAsync(session, transport, message.Value, aborted);
                }
                finally
                {
                    handling(false);
                }
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or WebSocketException)
        {
            return "connection lost: " + exception.Message;
        }
    }

    private static string Truncate(string reason) => reason.Length > 120 ? reason[..120] : reason;

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
                var timestamp = Integer(message, "timestamp") is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : (DateTimeOffset?)null;
                var seq = Integer(message, "seq");
                if (seq is null && message.TryGetProperty("seq", out _))
                {
                    await transport.SendAsync(BridgeProtocol.RejectedMessage($"event {name}: seq is not an integer"), cancellationToken);
                    break;
                }

                var verdict = await session.ReportAsync(Text(message, "agentId"), name, timestamp, payload, seq, cancellationToken);
                if (verdict is BridgeEventVerdict.Accepted or BridgeEventVerdict.SessionEnded)
                {
                    // Accepted: acked once committed. Session ended: neither acked nor refused, so the page resends it.
                    break;
                }

                await transport.SendAsync(
                    seq is { } number
                        ? BridgeProtocol.RefusedMessage(number, BridgeProtocol.RefusalReason(verdict))
                        : BridgeProtocol.RejectedMessage($"event {name}: {verdict}"),
                    cancellationToken);
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
            case BridgeProtocol.CallState:
            {
                var events = new List<(string, DateTimeOffset?, JsonElement)>();
                if (message.TryGetProperty("events", out var list) && list.ValueKind == JsonValueKind.Array)
                {
                    foreach (var item in list.EnumerateArray())
                    {
                        var at = Integer(item, "timestamp") is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : (DateTimeOffset?)null;
                        events.Add((Text(item, "name") ?? "", at, item.ValueKind == JsonValueKind.Object && item.TryGetProperty("payload", out var p) ? p : default));
                    }
                }

                var known = message.TryGetProperty("known", out var k) && k.ValueKind == JsonValueKind.True;
                // The make-calls the page handed to its SDK, in the sessions it has had since it loaded: reported by pages
                // that keep that record (it answers for a make-call whose answer was lost). Taken before the call state,
                // which lets the session answer "no such call": never that without this record beside it.
                if (Texts(message, "sessions") is { } sessions && Texts(message, "dialled") is { } dialled)
                {
                    session.MakeCalls.Report(sessions, dialled, time.GetUtcNow());
                }

                var taken = session.ReportCallState(known, events);

                logger.LogDebug("Agent {AgentId} reported its call state ({Known}): {Taken} of {Count} events", session.AgentId, known ? "known" : "not known", taken, events.Count);
                break;
            }

            case BridgeProtocol.OutboxFull:
                if (Integer(message, "dropped") is { } dropped && dropped > 0)
                {
                    session.CountPageDropped(dropped);
                    logger.LogWarning("The page of agent {AgentId} dropped {Count} vendor events: its outbox was full", session.AgentId, dropped);
                }

                break;
            case BridgeProtocol.Request:
                // Answered when done, beside the receive loop: a request may wait for the database (a disposition that puts a
                // number on the do-not-call list waits for the calls being placed to it), and the page's events must not.
                requests.Start(session, transport, message, cancellationToken);
                break;
            case BridgeProtocol.SdkLog:
            {
                // Udesk's Log callback reports the SDK's own errors (the document's example: { message: "外呼失败" }).
                var text = message.TryGetProperty("message", out var logged) ? logged.ToString() : "";
                logger.LogWarning("{Provider} SDK of agent {AgentId} logged {Level}: {Message}", session.Provider, session.AgentId,
                    Text(message, "level") ?? "", text.Length > BridgeProtocol.SdkLogMaxLength ? text[..BridgeProtocol.SdkLogMaxLength] : text);
                break;
            }

            default:
                logger.LogDebug("Bridge message of unknown type from agent {AgentId} ignored", session.AgentId);
                break;
        }
    }

    /// <summary>Pings on every interval; a session silent for longer than the heartbeat timeout is ended. Its row in
    /// <c>bridge_sessions</c> is renewed with every other session's of this node (<see cref="BridgeDirectoryHeartbeat"/>).</summary>
    private async Task HeartbeatAsync(BridgeSession session, BridgeSessions sessions, WebSocketBridgeTransport transport, Func<long> lastSeen, CancellationToken stop)
    {
        using var timer = new PeriodicTimer(options.HeartbeatInterval, time);
        long ping = 0;
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                if (time.GetElapsedTime(lastSeen()) > options.HeartbeatTimeout)
                {
                    logger.LogWarning("Bridge session {SessionId} of agent {AgentId} missed its heartbeats; dropping it", session.Id, session.AgentId);
                    sessions.Disconnect(session, "heartbeat timeout", BridgeProtocol.CloseHeartbeatTimeout);
                    return;
                }

                await transport.SendAsync(BridgeProtocol.PingMessage(++ping), stop);
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or WebSocketException or ObjectDisposedException)
        {
            // The connection is ending; the receive loop reports why.
        }
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

    private static long? Integer(JsonElement obj, string name) =>
        obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out var value)
            && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number)
            ? number
            : null;

    /// <summary>The strings of an array member; null when the member is missing or not an array of strings.</summary>
    private static List<string>? Texts(JsonElement obj, string name) =>
        obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array
        && value.EnumerateArray().All(v => v.ValueKind == JsonValueKind.String)
            ? value.EnumerateArray().Select(v => v.GetString()!).ToList()
            : null;

    private static string? Text(JsonElement obj, string name) =>
        obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
