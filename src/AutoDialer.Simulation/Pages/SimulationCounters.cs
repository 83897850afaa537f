using System.Collections.Concurrent;

namespace AutoDialer.Simulation.Pages;

/// <summary>What the pages of a run did, counted across all of them (thread-safe).</summary>
internal sealed class SimulationCounters
{
    private long _eventsSent;
    private long _connects;
    private long _reconnects;
    private long _connectFailures;
    private long _commands;
    private long _expired;
    private long _placedLate;
    private long _rejectedByServer;
    private long _duplicated;
    private long _reordered;
    private long _late;
    private long _poisoned;
    private long _socketsDropped;
    private long _duplicateDials;
    private readonly ConcurrentDictionary<string, byte> _dialled = new(StringComparer.Ordinal);

    /// <summary>Make-calls whose business id some phone of the run had been asked to dial before.</summary>
    public long DuplicateDials => Volatile.Read(ref _duplicateDials);

    public IdleToMakeCall IdleToMakeCall { get; } = new();

    /// <summary>What the agents did on their side of the calls: cards, offers, dispositions.</summary>
    public Calls.AgentSideCounts AgentSide { get; } = new();

    /// <summary>Event messages written to a socket, resends included.</summary>
    public long EventsSent => Volatile.Read(ref _eventsSent);

    /// <summary>Sessions welcomed by a dialer.</summary>
    public long Connects => Volatile.Read(ref _connects);

    /// <summary>Sessions welcomed after a page's first.</summary>
    public long Reconnects => Volatile.Read(ref _reconnects);

    public long ConnectFailures => Volatile.Read(ref _connectFailures);

    public long Commands => Volatile.Read(ref _commands);

    /// <summary>Commands that arrived after their deadline and were not run.</summary>
    public long Expired => Volatile.Read(ref _expired);

    /// <summary>Make-calls the vendor placed after their deadline, hung up at once and answered <c>late</c>.</summary>
    public long PlacedLateCalls => Volatile.Read(ref _placedLate);

    /// <summary><c>rejected</c> messages from the server (e.g. an event it would not take).</summary>
    public long RejectedByServer => Volatile.Read(ref _rejectedByServer);

    public long Duplicated => Volatile.Read(ref _duplicated);

    public long Reordered => Volatile.Read(ref _reordered);

    public long Late => Volatile.Read(ref _late);

    public long Poisoned => Volatile.Read(ref _poisoned);

    public long SocketsDropped => Volatile.Read(ref _socketsDropped);

    internal void Dialled(string businessId)
    {
        if (!_dialled.TryAdd(businessId, 0))
        {
            Interlocked.Increment(ref _duplicateDials);
        }
    }

    internal void EventSent() => Interlocked.Increment(ref _eventsSent);

    internal void Connected(bool again)
    {
        Interlocked.Increment(ref _connects);
        if (again)
        {
            Interlocked.Increment(ref _reconnects);
        }
    }

    internal void ConnectFailed() => Interlocked.Increment(ref _connectFailures);

    internal void Command(bool expired)
    {
        Interlocked.Increment(ref _commands);
        if (expired)
        {
            Interlocked.Increment(ref _expired);
        }
    }

    internal void PlacedLate() => Interlocked.Increment(ref _placedLate);

    internal void Rejected() => Interlocked.Increment(ref _rejectedByServer);

    internal void Duplicate() => Interlocked.Increment(ref _duplicated);

    internal void Reorder() => Interlocked.Increment(ref _reordered);

    internal void LateEvent() => Interlocked.Increment(ref _late);

    internal void Poison() => Interlocked.Increment(ref _poisoned);

    internal void SocketDropped() => Interlocked.Increment(ref _socketsDropped);
}
