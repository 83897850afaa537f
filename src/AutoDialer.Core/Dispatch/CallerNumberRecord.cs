namespace AutoDialer.Core.Dispatch;

/// <summary>A caller number's use as stored, read by the lease (under lock when the choice depends on it).</summary>
/// <param name="UsedOn">The campaign's day that <paramref name="UsedToday"/> counts; a count of another day is 0 today.</param>
/// <param name="RecentAnswered">Whether each recent call was answered, most recent last.</param>
internal sealed record CallerNumberRecord(
    string Id,
    DateOnly? UsedOn,
    int UsedToday,
    DateTimeOffset? LastUsedAt,
    DateTimeOffset? RestedUntil,
    IReadOnlyList<bool> RecentAnswered)
{
    /// <summary>Its use as a rotation sees it on <paramref name="today"/>.</summary>
    public CallerNumberUsage ToUsage(DateOnly today) => new(Id, UsedOn == today ? UsedToday : 0, LastUsedAt, RestedUntil, RecentAnswered);
}
