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
        (0.05, ChaosFault.LeaveSchedulingLock), // early: recurring jobs must resume within a minute, well inside the run
        (0.15, ChaosFault.KillNodeA),
        (0.25, ChaosFault.DropSocketsOfNodeB),
        (0.35, ChaosFault.AddDoNotCall),
        (0.45, ChaosFault.RestartDatabase),
        (0.55, ChaosFault.Pause),
        (0.62, ChaosFault.Resume),
        (0.70, ChaosFault.LowerBudget),
        (0.80, ChaosFault.KillNodeB),
    ];
}
