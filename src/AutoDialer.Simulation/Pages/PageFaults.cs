namespace AutoDialer.Simulation.Pages;

/// <summary>
/// Faults a simulated page injects into what it sends, each drawn from the seed, the agent and the event's place in
/// the agent's stream, so a run is reproducible. Rates are probabilities in [0, 1]; every fault is bounded: a late
/// event waits at most <see cref="MaxLateDelay"/>, a reordered one at most <see cref="ReorderHold"/>.
/// </summary>
internal sealed record PageFaults
{
    public static readonly TimeSpan MaxLateDelay = TimeSpan.FromHours(1);

    public static PageFaults None { get; } = new();

    /// <summary>Share of events sent twice, as two events (two seqs) with the same timestamp and payload.</summary>
    public double DuplicateRate { get; init; }

    /// <summary>Share of events held back until the agent's next event has been queued (or <see cref="ReorderHold"/>
    /// passes), so they are sent after an event that happened later.</summary>
    public double ReorderRate { get; init; }

    /// <summary>The longest a reordered event is held. The default value is 2 s.</summary>
    public TimeSpan ReorderHold { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Share of hang-ups (<c>ConnectionCleared</c> / <c>hangup</c>) queued <see cref="LateDelay"/> after
    /// they happened, keeping their timestamp.</summary>
    public double LateRate { get; init; }

    /// <summary>How late a late hang-up is queued. The default value is 30 s; at most <see cref="MaxLateDelay"/>.</summary>
    public TimeSpan LateDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Share of events followed by a poisoned copy: the same event with a <c>"\u0000"</c> in a string field
    /// (which PostgreSQL refuses in <c>jsonb</c>). The real event is still sent.</summary>
    public double PoisonRate { get; init; }

    /// <summary>Share of sent events after which the page aborts its socket (as a network failure would).</summary>
    public double DropSocketRate { get; init; }

    /// <summary>Share of sent events after which the page reloads: its socket aborted, its call state forgotten (the
    /// script's memory); it connects again as new and sends its outbox again (IndexedDB) and reports its record of
    /// make-calls (the tab's sessionStorage), as the bridge script does.</summary>
    public double ReloadRate { get; init; }

    /// <summary>A reload forgets the outbox and the record of make-calls too (events not yet acknowledged are lost, and
    /// make-calls sent on earlier sessions are answered for by nobody), as a page whose browser keeps no site data, or
    /// whose site data was cleared, would. Off by default.</summary>
    public bool ReloadForgetsOutbox { get; init; }

    public void Validate()
    {
        double[] rates = [DuplicateRate, ReorderRate, LateRate, PoisonRate, DropSocketRate, ReloadRate];
        if (rates.Any(r => r is < 0 or > 1 || double.IsNaN(r)))
        {
            throw new ArgumentException("Fault rates must be in [0, 1].");
        }

        if (LateDelay < TimeSpan.Zero || LateDelay > MaxLateDelay || ReorderHold < TimeSpan.Zero || ReorderHold > MaxLateDelay)
        {
            throw new ArgumentException($"Fault delays must be between 0 and {MaxLateDelay.TotalSeconds:0} s.");
        }
    }
}
