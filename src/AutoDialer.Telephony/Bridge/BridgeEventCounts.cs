using System.Collections.Concurrent;

namespace AutoDialer.Telephony.Bridge;

/// <summary>
/// What became of one account's events on this node since it started: acknowledged after they were committed,
/// refused for good (by reason), or not acknowledged because their session ended first (the page gives those again
/// after it reconnects, so they are late, not lost).
/// </summary>
internal sealed class BridgeEventCounts
{
    private readonly ConcurrentDictionary<string, long> _refused = new(StringComparer.Ordinal);
    private long _acknowledged;
    private long _sessionEnded;
    private long _received;
    private long _replaced;
    private long _pageDropped;

    /// <summary>Events accepted into the queue towards the database.</summary>
    public long Received => Interlocked.Read(ref _received);

    /// <summary>Sessions replaced by a newer one of the same agent: a page that reconnected before its old socket closed.</summary>
    public long Replaced => Interlocked.Read(ref _replaced);

    /// <summary>Events with a <c>seq</c> acknowledged to their page after they were committed.</summary>
    public long Acknowledged => Interlocked.Read(ref _acknowledged);

    /// <summary>Events not acknowledged because their session had ended: on arrival (replaced, closed, node stopping) or
    /// before their commit. Their pages resend them; storage keeps each once.</summary>
    public long SessionEnded => Interlocked.Read(ref _sessionEnded);

    /// <summary>Events the pages' full outboxes dropped (never sent), as the pages reported them (<c>outbox-full</c>).</summary>
    public long PageDropped => Interlocked.Read(ref _pageDropped);

    /// <summary>Events refused for good, by the <c>reason</c> the page was told.</summary>
    public IReadOnlyDictionary<string, long> Refused => new SortedDictionary<string, long>(_refused, StringComparer.Ordinal);

    internal void CountReceived() => Interlocked.Increment(ref _received);

    internal void CountReplaced() => Interlocked.Increment(ref _replaced);

    internal void CountAcknowledged(int count) => Interlocked.Add(ref _acknowledged, count);

    internal void CountSessionEnded(int count) => Interlocked.Add(ref _sessionEnded, count);

    internal void CountPageDropped(long count) => Interlocked.Add(ref _pageDropped, count);

    internal void CountRefused(string reason) => _refused.AddOrUpdate(reason, 1, (_, n) => n + 1);
}
