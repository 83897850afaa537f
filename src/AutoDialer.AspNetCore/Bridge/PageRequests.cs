using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using AutoDialer.Core.Agents;
using AutoDialer.Core.Dispositions;
using AutoDialer.Core.Preview;
using AutoDialer.Telephony.Bridge;
using Microsoft.Extensions.Logging;

namespace AutoDialer.AspNetCore.Bridge;

/// <summary>
/// Answers the requests a page makes about its own agent's calls (<c>request { id, method, args }</c> →
/// <c>reply { id, ok, value | error }</c>): a disposition and the agent's callbacks through the <see cref="IAgentDesk"/>,
/// always as the session's own agent and account (the request names neither); a preview decision to the session's open
/// offer. Each runs beside the page's receive loop; a reply to a page that is gone is dropped.
/// </summary>
internal sealed class PageRequests(IAgentDesk desk, ILogger<PageRequests> logger)
{
    private readonly ConcurrentDictionary<Task, byte> _running = new();

    /// <summary>Requests being answered now.</summary>
    public int Running => _running.Count;

    public void Start(BridgeSession session, IBridgeTransport transport, JsonElement message, CancellationToken aborted)
    {
        var running = AnswerAsync(session, transport, message, aborted);
        _running[running] = 0;
        _ = running.ContinueWith(t => _running.TryRemove(t, out _), TaskScheduler.Default);
    }

    private async Task AnswerAsync(BridgeSession session, IBridgeTransport transport, JsonElement message, CancellationToken aborted)
    {
        var id = Text(message, "id");
        if (id is null)
        {
            await SendAsync(transport, BridgeProtocol.RejectedMessage("a request without an id"), aborted);
            return;
        }

        var args = message.TryGetProperty("args", out var a) ? a : default;
        byte[] reply;
        try
        {
            reply = Text(message, "method") switch
            {
                BridgeProtocol.DispositionMethod => await RecordDispositionAsync(session, id, args, aborted),
                BridgeProtocol.CallbacksMethod => await CallbacksAsync(session, id, aborted),
                BridgeProtocol.PreviewMethod => Preview(session, id, args),
                var other => BridgeProtocol.ErrorReplyMessage(id, BridgeProtocol.UnknownMethodError, $"No request '{other}'."),
            };
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !aborted.IsCancellationRequested)
        {
            logger.LogWarning(exception, "Request {RequestId} of agent {AgentId} failed", id, session.AgentId);
            reply = BridgeProtocol.ErrorReplyMessage(id, BridgeProtocol.UnavailableError, "The dialer could not answer now; try again.");
        }

        await SendAsync(transport, reply, aborted);
    }

    private async Task<byte[]> RecordDispositionAsync(BridgeSession session, string id, JsonElement args, CancellationToken aborted)
    {
        if (AttemptId(args) is not { } attemptId || Text(args, "code") is not { } code)
            return BridgeProtocol.ErrorReplyMessage(id, BridgeProtocol.InvalidRequestError, "A disposition needs attemptId and code.");
        DateTimeOffset? callbackAt = null;
        if (args.TryGetProperty("callbackAt", out var at) && at.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined))
        {
            callbackAt = Moment(at);
            if (callbackAt is null)
                return BridgeProtocol.ErrorReplyMessage(id, BridgeProtocol.InvalidRequestError, "callbackAt is an ISO 8601 time or Unix milliseconds.");
        }

        var answer = await desk.RecordDispositionAsync(session.AccountId, session.AgentId, new DispositionRequest(attemptId, code, callbackAt, Text(args, "note")), aborted);
        return answer.Refusal is { } refusal
            ? BridgeProtocol.ErrorReplyMessage(id, refusal.ToName(), answer.Message)
            : BridgeProtocol.ReplyMessage(id, new JsonObject
            {
                ["attemptId"] = CardJson.Id(attemptId),
                ["code"] = code,
                ["contactState"] = answer.ContactState,
                ["dueAt"] = answer.DueAt is { } due ? CardJson.Time(due) : null,
                ["message"] = answer.Message,
            });
    }

    private async Task<byte[]> CallbacksAsync(BridgeSession session, string id, CancellationToken aborted)
    {
        var callbacks = await desk.CallbacksAsync(session.AccountId, session.AgentId, aborted);
        return BridgeProtocol.ReplyMessage(id, new JsonObject
        {
            ["callbacks"] = new JsonArray([.. callbacks.Select(c => (JsonNode)new JsonObject
            {
                ["contactId"] = c.ContactId,
                ["campaign"] = new JsonObject { ["id"] = c.CampaignId, ["name"] = c.CampaignName },
                ["name"] = c.ContactName,
                ["number"] = c.Number,
                ["at"] = CardJson.Time(c.At),
                ["ownerUntil"] = CardJson.Time(c.OwnerUntil),
                ["note"] = c.Note,
                ["waitReason"] = c.WaitReason,
            })]),
        });
    }

    private static byte[] Preview(BridgeSession session, string id, JsonElement args)
    {
        var decision = Text(args, "decision") switch { "dial" => PreviewAnswer.Dial, "skip" => PreviewAnswer.Skip, _ => (PreviewAnswer?)null };
        if (AttemptId(args) is not { } attemptId || decision is not { } answer)
            return BridgeProtocol.ErrorReplyMessage(id, BridgeProtocol.InvalidRequestError, "A preview decision needs attemptId and decision (dial or skip).");
        return session.Decide(attemptId, answer) switch
        {
            OfferDecision.Taken => BridgeProtocol.ReplyMessage(id, new JsonObject { ["attemptId"] = CardJson.Id(attemptId), ["decision"] = Text(args, "decision") }),
            OfferDecision.SkipNotAllowed => BridgeProtocol.ErrorReplyMessage(id, BridgeProtocol.SkipNotAllowedError, "This contact may not be skipped: dial it, or let the countdown end."),
            _ => BridgeProtocol.ErrorReplyMessage(id, BridgeProtocol.NoSuchOfferError, $"No open offer of call {attemptId} on this page."),
        };
    }

    private async Task SendAsync(IBridgeTransport transport, byte[] message, CancellationToken aborted)
    {
        try
        {
            await transport.SendAsync(message, aborted);
        }
        catch (Exception exception) when (exception is OperationCanceledException or System.Net.WebSockets.WebSocketException or ObjectDisposedException)
        {
            logger.LogDebug("A reply to a page that is gone was dropped");
        }
    }

    /// <summary>An attempt id as a string of digits (as the card gives it) or a JSON number.</summary>
    private static long? AttemptId(JsonElement args) =>
        args.ValueKind == JsonValueKind.Object && args.TryGetProperty("attemptId", out var id)
            ? id.ValueKind switch
            {
                JsonValueKind.Number when id.TryGetInt64(out var n) => n,
                JsonValueKind.String when long.TryParse(id.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) => n,
                _ => null,
            }
            : null;

    private static DateTimeOffset? Moment(JsonElement at) => at.ValueKind switch
    {
        JsonValueKind.Number when at.TryGetInt64(out var ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms),
        JsonValueKind.String when DateTimeOffset.TryParse(at.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) => t,
        _ => null,
    };

    private static string? Text(JsonElement obj, string name) =>
        obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
