using System.Collections.Concurrent;

namespace AutoDialer.Simulation.Calls;

/// <summary>What the simulated agents did on their side of the calls, counted across them (thread-safe).</summary>
internal sealed class AgentSideCounts
{
    private readonly ConcurrentDictionary<string, long> _dispositions = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<long, string> _recordedFor = new();
    private long _screenPops;
    private long _offers;
    private long _offersDialled;
    private long _offersSkipped;
    private long _offersIgnored;
    private long _refused;
    private long _callbacksRequested;
    private long _foreignTried;
    private long _foreignAccepted;

    /// <summary>Contact cards received with a call (the screen pop).</summary>
    public long ScreenPops => Interlocked.Read(ref _screenPops);

    public long Offers => Interlocked.Read(ref _offers);

    public long OffersDialled => Interlocked.Read(ref _offersDialled);

    public long OffersSkipped => Interlocked.Read(ref _offersSkipped);

    public long OffersIgnored => Interlocked.Read(ref _offersIgnored);

    /// <summary>Dispositions the dialer recorded, by code.</summary>
    public IReadOnlyDictionary<string, long> Dispositions => new SortedDictionary<string, long>(_dispositions, StringComparer.Ordinal);

    /// <summary>
    /// The calls a disposition was recorded for, by attempt id, with the last code the dialer accepted (where the
    /// simulator knows the attempt: the in-process one), so a run can check each one against the database.
    /// </summary>
    public IReadOnlyDictionary<long, string> RecordedFor => new Dictionary<long, string>(_recordedFor);

    /// <summary>Dispositions for the agents' own calls that the dialer refused (too late, a call it no longer knows, …).</summary>
    public long DispositionsRefused => Interlocked.Read(ref _refused);

    /// <summary>Callbacks the agents asked for and the dialer recorded.</summary>
    public long CallbacksRequested => Interlocked.Read(ref _callbacksRequested);

    /// <summary>Dispositions tried, on purpose, for calls that are not the page's agent's.</summary>
    public long ForeignTried => Interlocked.Read(ref _foreignTried);

    /// <summary>Of those, the ones the dialer accepted (it was the agent's own call after all, or a violation: the judge tells).</summary>
    public long ForeignAccepted => Interlocked.Read(ref _foreignAccepted);

    internal void ScreenPop() => Interlocked.Increment(ref _screenPops);

    internal void Offered(PreviewChoice choice)
    {
        Interlocked.Increment(ref _offers);
        switch (choice)
        {
            case PreviewChoice.Dial: Interlocked.Increment(ref _offersDialled); break;
            case PreviewChoice.Skip: Interlocked.Increment(ref _offersSkipped); break;
            default: Interlocked.Increment(ref _offersIgnored); break;
        }
    }

    internal void Recorded(string code, bool callback)
    {
        _dispositions.AddOrUpdate(code, 1, (_, n) => n + 1);
        if (callback) Interlocked.Increment(ref _callbacksRequested);
    }

    internal void Recorded(long attemptId, string code, bool callback)
    {
        Recorded(code, callback);
        _recordedFor[attemptId] = code;
    }

    internal void Refused() => Interlocked.Increment(ref _refused);

    internal void Foreign(bool accepted)
    {
        Interlocked.Increment(ref _foreignTried);
        if (accepted) Interlocked.Increment(ref _foreignAccepted);
    }
}
