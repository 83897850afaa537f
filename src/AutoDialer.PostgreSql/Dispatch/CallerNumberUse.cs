namespace AutoDialer.PostgreSql.Dispatch;

/// <summary>
/// One caller number of a campaign and how it is being used. <see cref="DailyCap"/> is the cap in force (the number's
/// own, else the campaign's default; 0 = unlimited); <see cref="AnswerRate"/> is over its recent calls, as the
/// resting rule judges it. <see cref="Province"/> and <see cref="City"/> are where it is local to (set by the user, else
/// from its own number by libphonenumber's metadata), as local presence matches callees by them.
/// </summary>
internal sealed record CallerNumberUse(
    long CampaignId,
    string CampaignName,
    string Id,
    string Number,
    string? AreaCode,
    int DailyCap,
    int UsedToday,
    DateTime? LastUsedAt,
    DateTime? RestedUntil,
    bool Rested,
    int RecentCalls,
    int RecentAnswered,
    double? AnswerRate,
    int CallsTotal,
    int AnsweredTotal,
    string? Province,
    string? City);
