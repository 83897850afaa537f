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

    /// <summary>The nodes' stale-attempt timeout; late hang-ups arrive after it. The default value is 15 s.</summary>
    public TimeSpan StaleAfter { get; init; } = TimeSpan.FromSeconds(15);

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

    /// <summary>Keep the work directory (logs, truth file, the list) even when the run passed.</summary>
    public bool Keep { get; init; }

    public void Validate()
    {
        if (Dialing < TimeSpan.FromSeconds(30) || Dialing > TimeSpan.FromHours(2))
            throw new ArgumentException("--seconds must be between 30 and 7200: every fault needs room to strike and its effects to show.");
        if (Contacts is < 100 or > 1_000_000)
            throw new ArgumentException("--contacts must be between 100 and 1,000,000.");
        if (Agents is < 2 or > 1_000)
            throw new ArgumentException("--agents must be between 2 and 1,000 (they are split across two nodes).");
    }
}
