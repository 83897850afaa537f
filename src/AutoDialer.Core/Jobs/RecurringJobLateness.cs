namespace AutoDialer.Core.Jobs;

/// <summary>
/// Whether a recurring job is late: its next run is past due by more than <see cref="Tolerance"/>. A scheduler that can
/// take its lock moves a due job's next run forward within a polling interval (1 s here), so a next run left well in the
/// past means no node could schedule it, most often because the scheduling lock is held by a node that died.
/// </summary>
internal static class RecurringJobLateness
{
    /// <summary>30 s: thirty polling intervals, so contention and a slow pass never count; half the job store's lock
    /// timeout, so a dead holder's lock shows up while it still blocks the cluster.</summary>
    public static readonly TimeSpan Tolerance = TimeSpan.FromSeconds(30);

    /// <returns>How late the job is, or null when it is not late (on time, or disabled: no next run).</returns>
    public static TimeSpan? LateBy(DateTimeOffset? nextRun, DateTimeOffset now) =>
        nextRun is { } next && now - next > Tolerance ? now - next : null;
}
