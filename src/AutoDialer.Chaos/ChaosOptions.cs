namespace AutoDialer.Chaos;

/// <summary>The chaos run's size and timing. Calls are seconds long so a short run places hundreds of them.</summary>
internal sealed record ChaosOptions
{
    /// <summary>Length of the dialing phase, in which every fault of <see cref="ChaosScript"/> strikes. The default value is 120 s.</summary>
    public TimeSpan Dialing { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>The default value is 3,000.</summary>
    public int Contacts { get; init; } = 3_000;

    /// <summary>Simulated agents, split across the two nodes. The default value is 50.</summary>
    public int Agents { get; init; } = 50;

    public int Seed { get; init; } = 1;

    /// <summary>The nodes' stale-attempt timeout; late hang-ups arrive after it, and about a third of the answered calls
    /// (talk 1–<see cref="TalkSeconds"/> s) last longer. The default value is 10 s.</summary>
    public TimeSpan StaleAfter { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Longest talk time; longer than <see cref="StaleAfter"/>, so a share of the calls outlast it. The default value is 14.</summary>
    public int TalkSeconds { get; init; } = 14;

    /// <summary>The slow vendor: every make-call is answered and placed this long after it arrived (<c>simulate
    /// --make-call-delay</c>), so pauses and do-not-call additions land while make-calls wait. The default value is 1.5 s.</summary>
    public TimeSpan MakeCallDelay { get; init; } = TimeSpan.FromSeconds(1.5);

    /// <summary>How far node A's own clock runs ahead (<c>AutoDialer:Dialing:ClockOffset</c>). The default value is 2 minutes.</summary>
    public TimeSpan ClockOffset { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>The bridge's heartbeat timeout on the nodes (a session that sent nothing this long is dropped); a frozen
    /// node stays frozen longer. The default value is 10 s.</summary>
    public TimeSpan HeartbeatTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long node B stays SIGSTOPped: a third of the dialing phase (40 s in the default run, 20 s in a 60 s
    /// one), longer than <see cref="HeartbeatTimeout"/> and than the dial fence's bound (the make-call start limit and its grace).</summary>
    public TimeSpan Freeze => Dialing / 3 > HeartbeatTimeout + TimeSpan.FromSeconds(5) ? Dialing / 3 : HeartbeatTimeout + TimeSpan.FromSeconds(5);

    /// <summary>The nodes' <c>StaleMaxAge</c>: an attempt nobody could ask about (its page reconnected and has reported no
    /// call state since, or its make-call is held by a node that froze) is settled <c>unknown</c> after this long. Calls here
    /// last seconds, so 45 s is far past any of them; the product's default (2 h) is for calls that last hours. The
    /// default value is 45 s.</summary>
    public TimeSpan StaleMaxAge { get; init; } = TimeSpan.FromSeconds(45);

    /// <summary>How often each node sweeps its stale attempts. The default value is 3 s.</summary>
    public TimeSpan StaleSweepInterval { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>How long after the call's end a late hang-up is sent: past the stale timeout and a sweep or two, so
    /// the sweeper has settled the attempt before its real end arrives.</summary>
    public TimeSpan LateDelay => StaleAfter + 3 * StaleSweepInterval;

    /// <summary>How long PostgreSQL stays down when it is restarted. The default value is 3 s.</summary>
    public TimeSpan DatabaseOutage { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>How long after the API's answer an operator's change starts to count. The default value is zero: a
    /// change waits for the calls that passed the dial gate before it (<c>DialFence</c>), so none may come after.</summary>
    public TimeSpan Grace { get; init; } = TimeSpan.Zero;

    /// <summary>After dialing stops: how long calls, late events and the stale sweep get to settle everything.</summary>
    public TimeSpan DrainLimit => (LateDelay + StaleAfter > StaleMaxAge ? LateDelay + StaleAfter : StaleMaxAge + 2 * StaleSweepInterval)
        + TimeSpan.FromSeconds(60);

    /// <summary>SIGSTOP node B for <see cref="Freeze"/> at a moment it holds the dial fence (<c>--freeze</c>, on by
    /// default). A do-not-call addition or a pause through node A then waits until no call under that fence can start
    /// (the make-call start limit and the fence's grace, 4 s by default), which <c>operator_stalls</c> (more than 5 s) would
    /// count.</summary>
    public bool FreezeNode { get; init; } = true;

    /// <summary>Share of sent events after which a page reloads (<c>simulate --fault-reload</c>): it forgets its call
    /// state and its record of make-calls and sends again the outbox the bridge script keeps in IndexedDB. The test
    /// command runs 0.01. The default value is 0.</summary>
    public double PageReloadRate { get; init; }

    /// <summary>Keep the work directory (logs, truth file, the list) even when the run passed.</summary>
    public bool Keep { get; init; }

    public void Validate()
    {
        if (Dialing < TimeSpan.FromSeconds(30) || Dialing > TimeSpan.FromHours(2))
            throw new ArgumentException("--seconds must be between 30 and 7200: every fault needs room to strike and its effects to show.");
        if (Contacts is < 100 or > 1_000_000)
            throw new ArgumentException("--contacts must be between 100 and 1,000,000.");
        if (PageReloadRate is < 0 or > 0.1 || double.IsNaN(PageReloadRate))
            throw new ArgumentException("--page-reloads must be between 0 and 0.1.");
        if (Agents is < 2 or > 1_000)
            throw new ArgumentException("--agents must be between 2 and 1,000 (they are split across two nodes).");
    }
}
