using System.Text.Json;
using System.Threading.Channels;
using AutoDialer.Core.Telephony;
using Microsoft.Extensions.Logging;

namespace AutoDialer.Telephony.Bridge;

/// <summary>
/// The connected sessions of one provider account on this node, at most one per agent, and the one stream
/// of their events. A new session for an agent replaces the old one: the old one's commands in flight end as
/// lost, and its page is told not to reconnect.
/// </summary>
public sealed class BridgeSessions
{
    private readonly object _gate = new();
    private readonly Dictionary<string, BridgeSession> _sessions = new(StringComparer.Ordinal);
    private static readonly JsonElement NullPayload = JsonDocument.Parse("null").RootElement.Clone();

    private readonly Channel<CallCenterEvent> _events =
        Channel.CreateUnbounded<CallCenterEvent>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = false });
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
    }

    public string AccountId { get; }

    public string Provider => Vendor.Provider;

    public BridgeVendor Vendor { get; }

    public ChannelReader<CallCenterEvent> Events => _events.Reader;

    /// <summary>
    /// Raised for every accepted event as it is queued on <see cref="Events"/>, for observers (live boards, tests)
    /// that must not take events away from the one reader of <see cref="Events"/>, the dialing engine.
    /// Handlers run on the session's receive path and must be quick.
    /// </summary>
    public event Action<CallCenterEvent>? EventAccepted;

    public BridgeSession Connect(string agentId, IBridgeTransport transport)
    {
        var session = new BridgeSession(this, agentId, new BridgeConnection(agentId, transport, _time, _logger), _time.GetUtcNow());
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

    internal BridgeEventVerdict Report(BridgeSession session, string? claimedAgentId, string name, DateTimeOffset? timestamp, JsonElement payload)
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

        var now = _time.GetUtcNow();
        var stamped = timestamp is { } t && (t - now).Duration() <= _options.MaxClockSkew ? t : now;
        // Events without data (Meiqia unAuthorization) may arrive with no payload at all: stored as JSON null.
        var body = payload.ValueKind == JsonValueKind.Undefined ? NullPayload : payload.Clone();
        var callCenterEvent = CallCenterEvent.Create(AccountId, session.AgentId, name, stamped, body);
        session.State.Apply(Vendor.Interpret(callCenterEvent));
        _events.Writer.TryWrite(callCenterEvent);
        EventAccepted?.Invoke(callCenterEvent);
        _onEvent?.Invoke(session, callCenterEvent);
        return BridgeEventVerdict.Accepted;
    }
}
