using System.Runtime.CompilerServices;
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
/// <remarks>
/// The stream is bounded (<see cref="BridgeOptions.EventQueueCapacity"/>): when it is full, a session giving an event
/// waits, and with it its socket's receive loop, so the page's outbox holds the events a slow database has not
/// taken yet. Each event remembers its session and <c>seq</c>, so that once its reader has committed it
/// (<see cref="CommittedAsync"/>) its page hears an <c>ack</c>. A session that is gone by then hears nothing, and its
/// page resends after reconnecting, to this node or another, where storage finds the event stored and it is acked.
/// </remarks>
public sealed class BridgeSessions : IAcknowledgedEvents
{
    private readonly object _gate = new();
    private readonly Dictionary<string, BridgeSession> _sessions = new(StringComparer.Ordinal);
    private static readonly JsonElement NullPayload = JsonDocument.Parse("null").RootElement.Clone();

    private readonly Channel<CallCenterEvent> _events;

    // Who gave each queued event, by reference: the reader hands back the same instances it read. Weak, so that an
    // event nobody commits (its reader stopped) takes its receipt with it.
    private readonly ConditionalWeakTable<CallCenterEvent, Receipt> _receipts = new();
    private readonly TaskCompletionSource _drained = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _uncommitted;
    private int _waitingForRoom;
    private volatile bool _stopping;
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
        _events = Channel.CreateBounded<CallCenterEvent>(new BoundedChannelOptions(options.EventQueueCapacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
            SingleWriter = false,
        });
    }

    public string AccountId { get; }

    public string Provider => Vendor.Provider;

    public BridgeVendor Vendor { get; }

    public ChannelReader<CallCenterEvent> Events => _events.Reader;

    public BridgeEventCounts Counts { get; } = new();

    /// <summary>Accepted events waiting for their reader now; never more than <see cref="Capacity"/>.</summary>
    public int Queued => _events.Reader.Count;

    public int Capacity => _options.EventQueueCapacity;

    /// <summary>Sessions waiting for room in a full queue to give an event (their receive loops are held back).</summary>
    public int WaitingForRoom => Volatile.Read(ref _waitingForRoom);

    /// <summary>This node is stopping (<see cref="StopTaking"/>): it takes no events and starts no calls.</summary>
    public bool Stopping => _stopping;

    /// <summary>Completes once this node takes no more events (<see cref="StopTaking"/>) and every event it accepted
    /// is committed and acknowledged.</summary>
    public Task Drained => _drained.Task;

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

    /// <summary>
    /// The node is stopping: no more events are taken (a session giving one hears nothing and its page resends it
    /// elsewhere), the queue is closed so its reader ends after the last one, and <see cref="Drained"/> completes
    /// when everything accepted is committed and acknowledged. Idempotent.
    /// </summary>
    public void StopTaking()
    {
        lock (_gate)
        {
            _stopping = true;
            if (_uncommitted == 0)
            {
                _drained.TrySetResult();
            }
        }

        _events.Writer.TryComplete();
    }

    /// <summary>Sends each live session one <c>ack</c> for its events in <paramref name="events"/>, which are committed.</summary>
    public async Task CommittedAsync(IReadOnlyList<CallCenterEvent> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        var bySession = new Dictionary<BridgeSession, List<long>>();
        var taken = 0;
        foreach (var committed in events)
        {
            if (!_receipts.TryGetValue(committed, out var receipt))
            {
                continue;
            }

            _receipts.Remove(committed);
            taken++;
            if (receipt.Seq is not { } seq)
            {
                continue;
            }

            if (!bySession.TryGetValue(receipt.Session, out var seqs))
            {
                bySession[receipt.Session] = seqs = [];
            }

            seqs.Add(seq);
        }

        await Task.WhenAll(bySession.Select(s => AcknowledgeAsync(s.Key, s.Value, cancellationToken))).ConfigureAwait(false);
        lock (_gate)
        {
            _uncommitted -= taken;
            if (_stopping && _uncommitted == 0)
            {
                _drained.TrySetResult();
            }
        }
    }

    private async Task AcknowledgeAsync(BridgeSession session, List<long> seqs, CancellationToken cancellationToken)
    {
        if (!session.Ended.IsCancellationRequested)
        {
            try
            {
                // The session's end cancels the send: a dead page must not hold up the acks of the others.
                using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, session.Ended);
                await session.Transport.SendAsync(BridgeProtocol.AckMessage(seqs), linked.Token).ConfigureAwait(false);
                Counts.CountAcknowledged(seqs.Count);
                return;
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                _logger.LogDebug(exception, "Ack of {Count} events to agent {AgentId} not sent; the page resends them", seqs.Count, session.AgentId);
            }
        }

        Counts.CountSessionEnded(seqs.Count);
    }

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

        var now = _time.GetUtcNow();
        var stamped = timestamp is { } t && (t - now).Duration() <= _options.MaxClockSkew ? t : now;
        // Events without data (Meiqia unAuthorization) may arrive with no payload at all: stored as JSON null.
        var body = payload.ValueKind == JsonValueKind.Undefined ? NullPayload : payload.Clone();
        var callCenterEvent = CallCenterEvent.Create(AccountId, session.AgentId, name, stamped, body);
        if (!await EnqueueAsync(session, callCenterEvent, seq, cancellationToken).ConfigureAwait(false))
        {
            Count(BridgeEventVerdict.SessionEnded);
            return BridgeEventVerdict.SessionEnded;
        }

        session.State.Apply(Vendor.Interpret(callCenterEvent));
        EventAccepted?.Invoke(callCenterEvent);
        _onEvent?.Invoke(session, callCenterEvent);
        return BridgeEventVerdict.Accepted;
    }

    /// <summary>Queues the event, waiting for room while the queue is full; false when it was not taken (the session
    /// ended, its socket went, or the node is stopping).</summary>
    private async ValueTask<bool> EnqueueAsync(BridgeSession session, CallCenterEvent callCenterEvent, long? seq, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_stopping)
            {
                return false;
            }

            _uncommitted++;
        }

        // Before the write: the reader may commit the event as soon as it is in the queue.
        _receipts.AddOrUpdate(callCenterEvent, new Receipt(session, seq));
        if (_events.Writer.TryWrite(callCenterEvent))
        {
            return true;
        }

        Interlocked.Increment(ref _waitingForRoom);
        try
        {
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, session.Ended);
            await _events.Writer.WriteAsync(callCenterEvent, linked.Token).ConfigureAwait(false);
            return true;
        }
        catch (Exception exception) when (exception is OperationCanceledException or ChannelClosedException)
        {
            _receipts.Remove(callCenterEvent);
            lock (_gate)
            {
                _uncommitted--;
                if (_stopping && _uncommitted == 0)
                {
                    _drained.TrySetResult();
                }
            }

            return false;
        }
        finally
        {
            Interlocked.Decrement(ref _waitingForRoom);
        }
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
            Counts.CountSessionEnded(1);
        }
        else
        {
            Counts.CountRefused(BridgeProtocol.RefusalReason(verdict));
        }
    }

    private sealed record Receipt(BridgeSession Session, long? Seq);
}
