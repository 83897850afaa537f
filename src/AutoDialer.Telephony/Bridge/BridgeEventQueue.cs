using System.Runtime.CompilerServices;
using System.Threading.Channels;
using AutoDialer.Core.Events;
using Microsoft.Extensions.Logging;

namespace AutoDialer.Telephony.Bridge;

/// <summary>
/// One account's accepted events on their way to the database: a bounded queue with one reader, and for each event
/// the session and <c>seq</c> it came with, so that the page hears an <c>ack</c> once its reader has committed it.
/// </summary>
/// <remarks>
/// When the queue is full a session giving an event waits, and with it its socket's receive loop, so the page's
/// outbox holds what a slow or absent database has not taken, not this node's memory. A session that is gone by the
/// commit hears nothing, and its page resends after reconnecting, to this node or another, where storage finds the
/// event stored and it is acked. On a graceful stop (<see cref="StopTaking"/>) nothing new is taken and
/// <see cref="Drained"/> says when everything taken is committed and acked.
/// </remarks>
internal sealed class BridgeEventQueue
{
    private readonly object _gate = new();
    private readonly Channel<CallCenterEvent> _events;

    // Who gave each queued event, by reference: the reader hands back the same instances it read. Weak, so that an
    // event nobody commits (its reader stopped) takes its receipt with it.
    private readonly ConditionalWeakTable<CallCenterEvent, Receipt> _receipts = new();
    private readonly TaskCompletionSource _drained = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ILogger _logger;
    private long _uncommitted;
    private int _waitingForRoom;
    private volatile bool _stopping;

    public BridgeEventQueue(int capacity, ILogger logger)
    {
        Capacity = capacity;
        _logger = logger;
        _events = Channel.CreateBounded<CallCenterEvent>(new BoundedChannelOptions(capacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
            SingleWriter = false,
        });
    }

    public ChannelReader<CallCenterEvent> Reader => _events.Reader;

    public BridgeEventCounts Counts { get; } = new();

    /// <summary>Accepted events waiting for their reader now; never more than <see cref="Capacity"/>.</summary>
    public int Queued => _events.Reader.Count;

    public int Capacity { get; }

    /// <summary>Sessions waiting for room in a full queue to give an event (their receive loops are held back).</summary>
    public int WaitingForRoom => Volatile.Read(ref _waitingForRoom);

    /// <summary>This node is stopping (<see cref="StopTaking"/>): it takes no events and starts no calls.</summary>
    public bool Stopping => _stopping;

    /// <summary>Completes once this node takes no more events (<see cref="StopTaking"/>) and every event it accepted
    /// is committed and acknowledged.</summary>
    public Task Drained => _drained.Task;

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
        Uncommitted(-taken);
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

    /// <summary>Queues the event, waiting for room while the queue is full; false when it was not taken (the session
    /// ended, its socket went, or the node is stopping).</summary>
    internal async ValueTask<bool> EnqueueAsync(BridgeSession session, CallCenterEvent callCenterEvent, long? seq, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_stopping)
            {
                return false;
            }

            _uncommitted++;
        }

        Counts.CountReceived();
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
            Uncommitted(-1);
            return false;
        }
        finally
        {
            Interlocked.Decrement(ref _waitingForRoom);
        }
    }

    private void Uncommitted(long change)
    {
        lock (_gate)
        {
            _uncommitted += change;
            if (_stopping && _uncommitted == 0)
            {
                _drained.TrySetResult();
            }
        }
    }

    private sealed record Receipt(BridgeSession Session, long? Seq);
}
