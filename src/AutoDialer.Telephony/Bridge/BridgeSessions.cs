using System.Text.Json;
using System.Threading.Channels;
using AutoDialer.Core.Events;
using AutoDialer.Core.Telephony;
using Microsoft.Extensions.Logging;

namespace AutoDialer.Telephony.Bridge;

/// <summary>
/// The connected sessions of one provider account on this node, at most one per agent, and the one stream
/// of their events. A new session for an agent replaces the old one: the old one's commands in flight end as
/// lost, and its page is told not to reconnect.
/// </summary>
/// <remarks>The events wait for the database in a bounded <see cref="BridgeEventQueue"/>, which acks each to its page
/// once it is committed.</remarks>
internal sealed class BridgeSessions : IAcknowledgedEvents
{
    private readonly object _gate = new();
    private readonly Dictionary<string, BridgeSession> _sessions = new(StringComparer.Ordinal);
    private static readonly JsonElement NullPayload = JsonDocument.Parse("null").RootElement.Clone();

    private readonly Func<BridgeSession, IAgentSession> _createAgent;
    private readonly Action<BridgeSession, CallCenterEvent>? _onEvent;
    private readonly BridgeOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public BridgeSessions(
        string accountId,
        BridgeVendor vendor,
        BridgeOptions options,
        TimeProvider time,
        ILogger logger,
        Func<BridgeSession, IAgentSession> createAgent,
        Action<BridgeSession, CallCenterEvent>? onEvent = null)
    {
        AccountId = accountId;
        Vendor = vendor;
        _options = options;
        _time = time;
        _logger = logger;
        _createAgent = createAgent;
        _onEvent = onEvent;
        Queue = new BridgeEventQueue(options.EventQueueCapacity, logger);
    }

    public string AccountId { get; }

    public string Provider => Vendor.Provider;

    /// <summary>The server's clock: offers' countdowns and commands' deadlines run on it.</summary>
    internal TimeProvider Time => _time;

    public BridgeVendor Vendor { get; }

    /// <summary>The accepted events of every session, in the order taken, for their one reader (the dialing engine).</summary>
    public ChannelReader<CallCenterEvent> Events => Queue.Reader;

    /// <summary>Where accepted events wait for the database, and what became of them.</summary>
    public BridgeEventQueue Queue { get; }

    /// <summary>
    /// Raised for every accepted event as it is queued on <see cref="Events"/>, for observers (live boards, tests)
    /// that must not take events away from the one reader of <see cref="Events"/>, the dialing engine.
    /// Handlers run on the session's receive path and must be quick.
    /// </summary>
    public event Action<CallCenterEvent>? EventAccepted;

    public BridgeSession Connect(string agentId, IBridgeTransport transport)
    {
        var session = new BridgeSession(this, agentId, new BridgeConnection(agentId, transport, _time, _logger), transport, _time.GetUtcNow());
        session.Agent = _createAgent(session);
        BridgeSession? replaced;
        lock (_gate)
        {
            _sessions.TryGetValue(agentId, out replaced);
            _sessions[agentId] = session;
        }

        if (replaced is not null)
        {
            _logger.LogInformation("Bridge session for {Provider} agent {AgentId} replaced by a new one", Provider, agentId);
            Queue.Counts.CountReplaced();
            replaced.End("replaced by a newer session for the same agent", BridgeProtocol.CloseReplaced);
        }

        return session;
    }

    /// <summary>The page went away (or stopped answering): forget the session if it is still the agent's.</summary>
    public void Disconnect(BridgeSession session, string reason, int status = BridgeProtocol.CloseGoingAway)
    {
        lock (_gate)
        {
            if (_sessions.TryGetValue(session.AgentId, out var current) && ReferenceEquals(current, session))
            {
                _sessions.Remove(session.AgentId);
            }
        }

        session.End(reason, status);
    }

    public BridgeSession? Find(string agentId)
    {
        lock (_gate)
        {
            return _sessions.TryGetValue(agentId, out var session) ? session : null;
        }
    }

    public IReadOnlyList<BridgeSession> Connected()
    {
        lock (_gate)
        {
            return [.. _sessions.Values.OrderByDescending(s => s.ConnectedAt)];
        }
    }

    /// <summary>Committed events: their pages hear an ack (see <see cref="BridgeEventQueue.CommittedAsync"/>).</summary>
    public Task CommittedAsync(IReadOnlyList<CallCenterEvent> events, CancellationToken cancellationToken) =>
        Queue.CommittedAsync(events, cancellationToken);

    internal async ValueTask<BridgeEventVerdict> ReportAsync(
        BridgeSession session, string? claimedAgentId, string name, DateTimeOffset? timestamp, JsonElement payload, long? seq,
        CancellationToken cancellationToken)
    {
        var verdict = Check(session, claimedAgentId, name, timestamp, payload, seq);
        if (verdict != BridgeEventVerdict.Accepted)
        {
            Count(verdict);
            return verdict;
        }

        // An event with a seq keeps the page's time whatever its age: it may have waited in the outbox through an
        // outage, and its time is part of its identity (restamped, each resend would be stored as a new event).
        var now = _time.GetUtcNow();
        var stamped = timestamp is { } t && (seq is not null || (t - now).Duration() <= _options.MaxClockSkew) ? t : now;
        // Events without data (Meiqia unAuthorization) may arrive with no payload at all: stored as JSON null.
        var body = payload.ValueKind == JsonValueKind.Undefined ? NullPayload : payload.Clone();
        var callCenterEvent = CallCenterEvent.Create(Vendor.EventVendor, AccountId, session.AgentId, name, stamped, body);
        if (!await Queue.EnqueueAsync(session, callCenterEvent, seq, cancellationToken).ConfigureAwait(false))
        {
            Count(BridgeEventVerdict.SessionEnded);
            return BridgeEventVerdict.SessionEnded;
        }

        session.State.Apply(Vendor.Interpret(callCenterEvent));
        EventAccepted?.Invoke(callCenterEvent);
        _onEvent?.Invoke(session, callCenterEvent);
        return BridgeEventVerdict.Accepted;
    }

    /// <summary>
    /// What the page says its agent is doing, right after it connected and whenever it changes: the events are applied to
    /// the session's call state and availability as they came (not stored: they were, when they happened), and with
    /// <paramref name="known"/> the session answers from them rather than "could not ask". An event that is not the
    /// vendor's or names another agent is left out, as it would be refused.
    /// </summary>
    internal int ReportCallState(BridgeSession session, bool known, IReadOnlyList<(string Name, DateTimeOffset? Timestamp, JsonElement Payload)> events)
    {
        if (session.Ended.IsCancellationRequested)
        {
            return 0;
        }

        var taken = 0;
        if (known)
        {
            session.State.ForgetCalls();
        }

        foreach (var (name, timestamp, payload) in events)
        {
            var named = Vendor.AgentNamedIn(payload);
            if (!Vendor.Events.Contains(name) || (named is not null && !string.Equals(named, session.AgentId, StringComparison.Ordinal)))
            {
                _logger.LogWarning("Left out {Provider} event {EventName} of agent {AgentId}'s call state: not the vendor's, or another agent's", Provider, name, session.AgentId);
                continue;
            }

            var body = payload.ValueKind == JsonValueKind.Undefined ? NullPayload : payload.Clone();
            var reported = CallCenterEvent.Create(Vendor.EventVendor, AccountId, session.AgentId, name, timestamp ?? _time.GetUtcNow(), body);
            session.State.Apply(Vendor.Interpret(reported));
            _onEvent?.Invoke(session, reported);
            taken++;
        }

        session.State.PageReported(vouched: known);
        return taken;
    }

    private BridgeEventVerdict Check(BridgeSession session, string? claimedAgentId, string name, DateTimeOffset? timestamp, JsonElement payload, long? seq)
    {
        if (session.Ended.IsCancellationRequested)
        {
            return BridgeEventVerdict.SessionEnded;
        }

        var named = Vendor.AgentNamedIn(payload);
        if (!string.Equals(claimedAgentId, session.AgentId, StringComparison.Ordinal)
            || (named is not null && !string.Equals(named, session.AgentId, StringComparison.Ordinal)))
        {
            _logger.LogWarning(
                "Rejected {Provider} event {EventName} from the session of agent {AgentId}: it reports for agent {OtherAgentId}",
                Provider, name, session.AgentId, named is not null && named != session.AgentId ? named : claimedAgentId);
            return BridgeEventVerdict.OtherAgent;
        }

        if (!Vendor.Events.Contains(name))
        {
            _logger.LogWarning("Rejected undocumented {Provider} event {EventName} from agent {AgentId}", Provider, name, session.AgentId);
            return BridgeEventVerdict.UnknownEvent;
        }

        if (seq is not null && timestamp is null)
        {
            // Stamped here instead, each resend would get a new time and so a new event id: stored twice.
            _logger.LogWarning("Rejected {Provider} event {EventName} seq {Seq} from agent {AgentId}: no timestamp", Provider, name, seq, session.AgentId);
            return BridgeEventVerdict.Malformed;
        }

        return BridgeEventVerdict.Accepted;
    }

    private void Count(BridgeEventVerdict verdict)
    {
        if (verdict == BridgeEventVerdict.SessionEnded)
        {
            Queue.Counts.CountSessionEnded(1);
        }
        else
        {
            Queue.Counts.CountRefused(BridgeProtocol.RefusalReason(verdict));
        }
    }
}
