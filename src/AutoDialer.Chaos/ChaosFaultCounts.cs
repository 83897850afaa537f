namespace AutoDialer.Chaos;

/// <summary>The faults a chaos run caused: its own and those the simulated pages injected.</summary>
internal sealed record ChaosFaultCounts(
    int Kills, int PgRestarts, int DncAdded, int SocketsDropped, int Pauses, int BudgetChanges, long Duplicated, long Reordered, long Late, long Poisoned);
