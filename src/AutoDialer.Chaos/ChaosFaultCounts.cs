namespace AutoDialer.Chaos;

/// <summary>The faults a chaos run caused: its own and those the simulated pages injected. Each must be above 0.</summary>
/// <param name="PgKills">PostgreSQL killed with SIGKILL (postmaster and backends) and started again: crash recovery.</param>
/// <param name="Freezes">A node SIGSTOPped for longer than the bridge's heartbeat timeout, then SIGCONTed.</param>
/// <param name="Campaigns">Running campaigns over the same numbers and agents.</param>
/// <param name="ClockShiftedNodes">Nodes whose own clock was shifted (<c>AutoDialer:Dialing:ClockOffset</c>).</param>
/// <param name="LongCalls">Calls whose talk time was longer than the nodes' <c>StaleAfter</c>.</param>
/// <param name="LongCallsAcrossReconnects">Long calls still live when their node was killed, frozen or had its sockets cut.</param>
/// <param name="ChangesInsideSlowMakeCalls">Pauses and do-not-call additions asked while a make-call was waiting in the
/// slow vendor (<c>simulate --make-call-delay</c>).</param>
internal sealed record ChaosFaultCounts(
    int Kills, int PgKills, int DncAdded, int SocketsDropped, int Pauses, int BudgetChanges, long Duplicated, long Reordered, long Late, long Poisoned)
{
    /// <summary>Null when that fault is off (<c>--freeze false</c>).</summary>
    public int? Freezes { get; init; }

    /// <summary>Freezes that struck while node B held the dial fence (seen in PostgreSQL's lock table just before and
    /// after the SIGSTOP); null when freezing is off.</summary>
    public int? FrozenHoldingFence { get; init; }

    /// <summary>Pages reloaded (forgetting their unacknowledged events); null when that fault is off (the default).</summary>
    public long? PageReloads { get; init; }

    public int Campaigns { get; init; }

    public int ClockShiftedNodes { get; init; }

    public long LongCalls { get; init; }

    public long LongCallsAcrossReconnects { get; init; }

    public long ChangesInsideSlowMakeCalls { get; init; }
}
