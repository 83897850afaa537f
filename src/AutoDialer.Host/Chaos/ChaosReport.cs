using AutoDialer.Simulator.Judging;

namespace AutoDialer.Host.Chaos;

/// <summary>
/// The chaos run's figures: the faults it caused (each must be above 0 for the run to count) and the verdict's
/// violations (each must be 0). Printed as one JSON line with <c>--json</c>, snake_case.
/// </summary>
internal sealed record ChaosReport(
    long Calls,
    int Kills,
    int PgRestarts,
    int DncAdded,
    int SocketsDropped,
    int Pauses,
    int BudgetChanges,
    long Duplicated,
    long Reordered,
    long Late,
    long Poisoned,
    long DuplicateDials,
    long OverlappingCalls,
    long DncDialledAfterAdd,
    long BudgetExceeded,
    long DialledWhilePaused,
    long OutcomeMismatches,
    long EventsLost,
    long Unsettled,
    long UnknownCalls,
    long PoisonQuarantined,
    double Seconds)
{
    public static ChaosReport Of(ChaosVerdict verdict, ChaosFaultCounts faults, long poisonQuarantined, double seconds) => new(
        verdict.Calls, faults.Kills, faults.PgRestarts, faults.DncAdded, faults.SocketsDropped, faults.Pauses, faults.BudgetChanges,
        faults.Duplicated, faults.Reordered, faults.Late, faults.Poisoned,
        verdict.DuplicateDials, verdict.OverlappingCalls, verdict.DncDialledAfterAdd, verdict.BudgetExceeded, verdict.DialledWhilePaused,
        verdict.OutcomeMismatches, verdict.EventsLost, verdict.Unsettled, verdict.UnknownCalls, poisonQuarantined, Math.Round(seconds, 1));

    public long Violations => DuplicateDials + OverlappingCalls + DncDialledAfterAdd + BudgetExceeded + DialledWhilePaused + OutcomeMismatches
        + EventsLost + Unsettled + UnknownCalls;

    /// <summary>Faults that did not happen: a run in which one of them is 0 proves nothing about it.</summary>
    public IReadOnlyList<string> MissingFaults() =>
        new (string Name, long Count)[]
        {
            ("calls", Calls), ("kills", Kills), ("pg_restarts", PgRestarts), ("dnc_added", DncAdded), ("sockets_dropped", SocketsDropped),
            ("pauses", Pauses), ("budget_changes", BudgetChanges), ("duplicated", Duplicated), ("reordered", Reordered), ("late", Late),
            ("poisoned", Poisoned), ("poison_quarantined", PoisonQuarantined),
        }.Where(f => f.Count == 0).Select(f => f.Name).ToList();
}
