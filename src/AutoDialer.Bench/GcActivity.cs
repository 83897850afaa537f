namespace AutoDialer.Bench;

/// <summary>
/// The garbage collector's work in a bench's window: how long it paused the process and how many collections of each
/// generation it made. The bridge bench at 1,000 agents (dialer and simulated pages in one process) had runs of the same
/// build with p99 131 ms and 568 ms; a tail that comes with the pauses is the collector's, not the dialer's waits.
/// </summary>
internal readonly record struct GcActivity(TimeSpan Paused, int Gen0, int Gen1, int Gen2)
{
    /// <summary>Since the process started.</summary>
    public static GcActivity Now => new(GC.GetTotalPauseDuration(), GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));

    /// <summary>What happened between <paramref name="start"/> and this.</summary>
    public GcActivity Since(GcActivity start) => new(Paused - start.Paused, Gen0 - start.Gen0, Gen1 - start.Gen1, Gen2 - start.Gen2);
}
