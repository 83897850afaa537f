namespace AutoDialer.Chaos;

/// <summary>
/// When each fault strikes, as a share of the dialing phase: spread out so every fault lands while calls are being
/// placed, ringing and ending, and so each fault's after-effects (reconnects, resends, the stale sweep) overlap the
/// next one's.
/// </summary>
internal static class ChaosScript
{
    public static IReadOnlyList<(double At, ChaosFault Fault)> Steps { get; } =
    [
        (0.15, ChaosFault.KillNodeA),
        (0.22, ChaosFault.DropSocketsOfNodeB),
        // Node B frozen (its calls, fence and sessions held) while the do-not-call addition, the database crash and the
        // pause happen through node A and to the rest; it wakes after ChaosOptions.Freeze.
        (0.28, ChaosFault.FreezeNodeB),
        (0.35, ChaosFault.AddDoNotCall),
        (0.45, ChaosFault.CrashDatabase),
        // After the database is back: an outage as the lock expires would add Hangfire's back-off to the measured time.
        // Node B is killed while the lock is still left; the run waits for the recurring jobs before it stops the nodes.
        (0.50, ChaosFault.LeaveSchedulingLock),
        (0.55, ChaosFault.Pause),
        (0.62, ChaosFault.Resume),
        (0.70, ChaosFault.LowerBudget),
        (0.80, ChaosFault.KillNodeB),
    ];
}
