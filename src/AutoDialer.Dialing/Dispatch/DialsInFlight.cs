using System.Collections.Concurrent;

namespace AutoDialer.Dialing.Dispatch;

/// <summary>
/// The attempts whose make-call this node's dispatch still holds: leased and not yet answered (selecting a trunk,
/// waiting behind the dial fence, placing the call), or not dialled and waiting to be given back after a failure. The
/// stale sweeper leaves these alone: a make-call that may still be sent must not be settled under it.
/// </summary>
internal sealed class DialsInFlight
{
    private readonly ConcurrentDictionary<long, byte> _held = new();

    public void Hold(IEnumerable<long> attemptIds)
    {
        foreach (var id in attemptIds) _held[id] = 0;
    }

    public void LetGo(IEnumerable<long> attemptIds)
    {
        foreach (var id in attemptIds) _held.TryRemove(id, out _);
    }

    public bool Holds(long attemptId) => _held.ContainsKey(attemptId);
}
