namespace AutoDialer.Core.Dispatch;

/// <summary>How a caller number has been used, as read at the moment of choosing.</summary>
/// <param name="Id">The <see cref="CallerNumber.Id"/> this usage belongs to.</param>
/// <param name="UsedToday">Calls placed from it today (the campaign's day).</param>
/// <param name="LastUsedAt">When it was last used, if ever.</param>
/// <param name="RestedUntil">It is not used before this instant (see <see cref="AnswerRateGuard"/>).</param>
/// <param name="RecentAnswered">Whether each recent call was answered, most recent last.</param>
internal sealed record CallerNumberUsage(
    string Id,
    int UsedToday,
    DateTimeOffset? LastUsedAt,
    DateTimeOffset? RestedUntil,
    IReadOnlyList<bool> RecentAnswered)
{
    /// <summary>A number with no use recorded.</summary>
    public static CallerNumberUsage Unused(string id) => new(id, 0, null, null, []);
}
