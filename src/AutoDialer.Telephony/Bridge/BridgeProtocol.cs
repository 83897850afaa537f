using System.Text.Json;
using System.Text.Json.Nodes;

namespace AutoDialer.Telephony.Bridge;

/// <summary>
/// The messages between <c>autodialer-bridge.js</c> and the server, one JSON object per WebSocket text message,
/// told apart by <c>type</c>.
/// </summary>
/// <remarks>
/// Page → server: <c>hello { token, provider, agentId, version }</c> (first, within the hello timeout);
/// <c>event { agentId, name, timestamp, payload }</c> (a vendor event, unchanged); <c>result { id, status, value }</c>
/// (status: resolved, rejected, invalid, failed, expired); <c>pong { id }</c>.
/// Server → page: <c>welcome { sessionId, agentId, provider, serverTime, heartbeatMs }</c>;
/// <c>command { id, method, args, deadline }</c> (deadline in Unix milliseconds of the server's clock; the page
/// corrects for its clock offset from <c>serverTime</c> and does not run a command that arrives late);
/// <c>ping { id }</c>; <c>rejected { reason }</c> (a message the server refused, e.g. an event for another agent).
/// </remarks>
public static class BridgeProtocol
{
    public const int Version = 1;

    public const string Hello = "hello";
    public const string Welcome = "welcome";
    public const string Command = "command";
    public const string Result = "result";
    public const string Event = "event";
    public const string Ping = "ping";
    public const string Pong = "pong";
    public const string Rejected = "rejected";

    /// <summary>WebSocket close status 1001: the server let the session go; the page reconnects.</summary>
    public const int CloseGoingAway = 1001;

    /// <summary>WebSocket close status: another session for the same agent took over (the page must not reconnect).</summary>
    public const int CloseReplaced = 4001;

    /// <summary>WebSocket close status: no valid hello (bad or expired token); the page fetches a new token.</summary>
    public const int CloseUnauthorized = 4003;

    /// <summary>WebSocket close status: the session stopped answering heartbeats.</summary>
    public const int CloseHeartbeatTimeout = 4008;

    public static byte[] CommandMessage(string id, string method, JsonNode? args, DateTimeOffset deadline) =>
        Serialize(new JsonObject
        {
            ["type"] = Command,
            ["id"] = id,
            ["method"] = method,
            ["args"] = args ?? new JsonArray(),
            ["deadline"] = deadline.ToUnixTimeMilliseconds(),
        });

    public static byte[] WelcomeMessage(Guid sessionId, string agentId, string provider, DateTimeOffset serverTime, TimeSpan heartbeat) =>
        Serialize(new JsonObject
        {
            ["type"] = Welcome,
            ["sessionId"] = sessionId.ToString("N"),
            ["agentId"] = agentId,
            ["provider"] = provider,
            ["serverTime"] = serverTime.ToUnixTimeMilliseconds(),
            ["heartbeatMs"] = (long)heartbeat.TotalMilliseconds,
        });

    public static byte[] PingMessage(long id) => Serialize(new JsonObject { ["type"] = Ping, ["id"] = id });

    public static byte[] RejectedMessage(string reason) => Serialize(new JsonObject { ["type"] = Rejected, ["reason"] = reason });

    public static BridgeReplyStatus? ParseStatus(string? status) => status switch
    {
        "resolved" => BridgeReplyStatus.Resolved,
        "rejected" => BridgeReplyStatus.Rejected,
        "invalid" => BridgeReplyStatus.Invalid,
        "failed" => BridgeReplyStatus.Failed,
        "expired" => BridgeReplyStatus.Expired,
        _ => null,
    };

    private static byte[] Serialize(JsonObject message) => JsonSerializer.SerializeToUtf8Bytes(message);
}
