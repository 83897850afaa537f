namespace AutoDialer.Chaos.Judging;

/// <summary>
/// What the run saw of the cluster while it dialled, for <c>cluster_stalls</c>: the dialing period, how many agents
/// there were, and how many contacts were due, sampled about every second (a sample the database could not answer is
/// missing).
/// </summary>
internal sealed record ClusterWatch(DateTimeOffset From, DateTimeOffset To, int Agents)
{
    /// <summary>No call anywhere for longer than this, while contacts were due and agents idle, is a stall.</summary>
    public static readonly TimeSpan StallAfter = TimeSpan.FromSeconds(15);

    public IReadOnlyList<(DateTimeOffset At, long Due)> DueSamples { get; init; } = [];
}
