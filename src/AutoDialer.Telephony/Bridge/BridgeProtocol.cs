using System.Text.Json;
using System.Text.Json.Nodes;
using AutoDialer.Core.Agents;
using AutoDialer.Core.Preview;

namespace AutoDialer.Telephony.Bridge;

/// <summary>
/// The messages between <c>autodialer-bridge.js</c> and the server, one JSON object per WebSocket text message,
/// told apart by <c>type</c>.
/// </summary>
/// <remarks>
/// Page → server: <c>hello { token, provider, agentId, version }</c> (first, within the hello timeout);
/// <c>event { seq, agentId, name, timestamp, payload }</c> (a vendor event, unchanged); <c>result { id, status, value }</c>
/// (status: resolved, rejected, invalid, failed, expired); <c>pong { id }</c>.
/// Server → page: <c>welcome { sessionId, agentId, provider, serverTime, heartbeatMs }</c>;
/// <c>command { id, method, args, deadline }</c> (deadline in Unix milliseconds of the server's clock: the moment after
/// which the page must not run it; for a make-call the dial fence's deadline (the dialing engine's
/// <c>MakeCallStartLimit</c> after the gate's last check), after which the page also hangs up a call the vendor placed,
/// and the server waits for the result up to <c>MakeCallTimeout</c>; for other commands the server stops waiting then;
/// the page corrects for its clock offset from <c>serverTime</c> and does not run a command that arrives late);
/// <c>ping { id }</c>; <c>ack { seqs }</c>; <c>refused { seq, reason }</c>; <c>rejected { reason }</c> (a message
/// without <c>seq</c> the server refused, e.g. an event for another agent).
/// <para>
/// The agent's side of a call: server → page <c>call { card }</c> (the screen pop, sent just before the make-call of a
/// call placed for the agent: <see cref="CardJson"/>); <c>offer { attemptId, deadline, skipAllowed, onTimeout, card }</c>
/// (preview: the contact, before anything is dialled; <c>deadline</c> in Unix milliseconds of the server's clock) and
/// <c>offer-ended { attemptId, answer }</c> (<c>dial</c>, <c>skip</c>, <c>timed-out</c>). Page → server
/// <c>request { id, method, args }</c>, answered by <c>reply { id, ok: true, value }</c> or
/// <c>reply { id, ok: false, error: { code, message } }</c>: <c>disposition { attemptId, code, callbackAt?, note? }</c>
/// (accepted only for the session's own agent's calls), <c>callbacks {}</c> (the agent's upcoming callbacks) and
/// <c>preview { attemptId, decision: dial | skip }</c>.
/// </para>
/// <para>
/// Events are delivered at least once and stored at most once. <c>seq</c> is an integer that starts at 1 when the
/// bridge object is created on the page and grows by 1 per event; it is not reset on reconnect (the same page keeps
/// counting across sockets and nodes). <c>timestamp</c> (Unix milliseconds) is stamped once, when the SDK emitted the
/// event, so a resent event derives the same <see cref="Core.Events.CallCenterEventId"/> and storage keeps it
/// once. The server sends <c>ack { seqs: [...] }</c> only after those events are committed to <c>call_events</c>
/// (newly stored, or found stored already), and <c>refused { seq, reason }</c> for an event it will never take
/// (reason <c>other-agent</c>, <c>unknown-event</c> or <c>malformed</c>); the page keeps every event in its outbox
/// until one of the two arrives, and after every welcome resends what is left, in <c>seq</c> order, before new ones.
/// An event that arrives while its session is ending or the node is stopping gets neither: the page resends it.
/// An event without <c>seq</c> (a page older than this protocol) is taken as before, without an ack.
/// </para>
/// </remarks>
internal static class BridgeProtocol
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
    public const string Ack = "ack";
    public const string Refused = "refused";

    /// <summary>
    /// Page → server, after every welcome and whenever it changes: <c>call-state { known, events: [{ name, timestamp, payload }] }</c>,
    /// what the agent is doing by the page's own vendor events (the latest agent-state event, then the last event of each
    /// call still open). <c>known</c> is false while the page has heard nothing of its agent's state since it loaded.
    /// </summary>
    public const string CallState = "call-state";

    /// <summary>Page → server: <c>outbox-full { dropped }</c>, events the page's full outbox dropped since it last said so.</summary>
    public const string OutboxFull = "outbox-full";

    /// <summary>Server → page: the contact card of a call placed for the agent (the screen pop).</summary>
    public const string Call = "call";

    /// <summary>Server → page: a contact offered in preview mode, with its countdown.</summary>
    public const string Offer = "offer";

    /// <summary>Server → page: an offer is over (the agent decided, or the countdown ended).</summary>
    public const string OfferEnded = "offer-ended";

    /// <summary>Page → server: a request of the agent's about its own calls, answered by a <see cref="Reply"/>.</summary>
    public const string Request = "request";

    /// <summary>Server → page: the answer to a <see cref="Request"/>.</summary>
    public const string Reply = "reply";

    /// <summary>Request methods.</summary>
    public const string DispositionMethod = "disposition";
    public const string CallbacksMethod = "callbacks";
    public const string PreviewMethod = "preview";

    /// <summary>Error codes of a reply that are not a disposition's refusal.</summary>
    public const string UnknownMethodError = "unknown_method";
    public const string InvalidRequestError = "invalid_request";
    public const string UnavailableError = "unavailable";
    public const string NoSuchOfferError = "no_such_offer";
    public const string SkipNotAllowedError = "skip_not_allowed";

    /// <summary>Page → server: what the vendor SDK's own log callback said (Udesk's <c>Log(message, type)</c>), for the dialer's log.</summary>
    public const string SdkLog = "sdk-log";

    /// <summary>How much of an SDK log message the server keeps.</summary>
    public const int SdkLogMaxLength = 500;

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

    public static byte[] CallMessage(CallCard card) => Serialize(new JsonObject { ["type"] = Call, ["card"] = CardJson.Of(card) });

    public static byte[] OfferMessage(PreviewOffer offer)
    {
        ArgumentNullException.ThrowIfNull(offer);
        return Serialize(new JsonObject
        {
            ["type"] = Offer,
            ["attemptId"] = CardJson.Id(offer.Card.AttemptId),
            ["deadline"] = offer.Deadline.ToUnixTimeMilliseconds(),
            ["skipAllowed"] = offer.SkipAllowed,
            ["onTimeout"] = offer.OnTimeout == PreviewTimeoutAction.Dial ? "dial" : "skip",
            ["card"] = CardJson.Of(offer.Card),
        });
    }

    public static byte[] OfferEndedMessage(long attemptId, PreviewAnswer answer) =>
        Serialize(new JsonObject
        {
            ["type"] = OfferEnded,
            ["attemptId"] = CardJson.Id(attemptId),
            ["answer"] = answer switch { PreviewAnswer.Dial => "dial", PreviewAnswer.Skip => "skip", PreviewAnswer.TimedOut => "timed-out", _ => "lost" },
        });

    public static byte[] ReplyMessage(string id, JsonNode? value) =>
        Serialize(new JsonObject { ["type"] = Reply, ["id"] = id, ["ok"] = true, ["value"] = value });

    public static byte[] ErrorReplyMessage(string id, string code, string message) =>
        Serialize(new JsonObject { ["type"] = Reply, ["id"] = id, ["ok"] = false, ["error"] = new JsonObject { ["code"] = code, ["message"] = message } });

    public static byte[] PingMessage(long id) => Serialize(new JsonObject { ["type"] = Ping, ["id"] = id });

    public static byte[] RejectedMessage(string reason) => Serialize(new JsonObject { ["type"] = Rejected, ["reason"] = reason });

    public static byte[] AckMessage(IEnumerable<long> seqs) =>
        Serialize(new JsonObject { ["type"] = Ack, ["seqs"] = new JsonArray([.. seqs.Select(s => (JsonNode)s)]) });

    public static byte[] RefusedMessage(long seq, string reason) =>
        Serialize(new JsonObject { ["type"] = Refused, ["seq"] = seq, ["reason"] = reason });

    /// <summary>The <c>reason</c> of a <c>refused</c> message: one word per verdict that refuses for good.</summary>
    public static string RefusalReason(BridgeEventVerdict verdict) => verdict switch
    {
        BridgeEventVerdict.OtherAgent => "other-agent",
        BridgeEventVerdict.UnknownEvent => "unknown-event",
        BridgeEventVerdict.Malformed => "malformed",
        _ => throw new ArgumentOutOfRangeException(nameof(verdict), verdict, "Not a refusal."),
    };

    public static BridgeReplyStatus? ParseStatus(string? status) => status switch
    {
        "resolved" => BridgeReplyStatus.Resolved,
        "rejected" => BridgeReplyStatus.Rejected,
        "invalid" => BridgeReplyStatus.Invalid,
        "failed" => BridgeReplyStatus.Failed,
        "expired" => BridgeReplyStatus.Expired,
        "late" => BridgeReplyStatus.Late,
        _ => null,
    };

    private static byte[] Serialize(JsonObject message) => JsonSerializer.SerializeToUtf8Bytes(message);
}
