using AutoDialer.Core.Dispatch;

namespace AutoDialer.PostgreSql.Dispatch;

/// <summary>
/// One caller number of a campaign and how it is being used. <see cref="DailyCap"/> is the cap in force (the number's
/// own, else the campaign's default; 0 = unlimited); <see cref="AnswerRate"/> is over its recent calls, as the
/// resting rule judges it. <see cref="Province"/> and <see cref="City"/> are where it is local to (set by the user, else
/// from its own number by libphonenumber's metadata), as local presence matches callees by them. Its health: the short
/// answered calls and rejects among the same recent calls, the complaint and wrong-number dispositions among its last
/// calls (<see cref="CallerNumberDispositions"/>), and the flags they raise (<see cref="CallerNumberHealthRules"/>).
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
    string? City,
    int RecentShort,
    int RecentRejected)
{
    /// <summary>Of its recent answered calls, the share shorter than the campaign's short call; null before any was answered.</summary>
    public double? ShortCallShare => Figures.ShortCallShare;

    /// <summary>Of its recent calls, the share rejected; null before any.</summary>
    public double? RejectShare => Figures.RejectShare;

    /// <summary>Of its last calls (as many as the answer rate's window), those given a complaint disposition.</summary>
    public int RecentComplaints { get; init; }

    /// <summary>Of its last calls (as many as the answer rate's window), those given a wrong-number disposition.</summary>
    public int RecentWrongNumbers { get; init; }

    /// <summary>The signs of being marked it shows over its recent calls (<see cref="HealthFlags"/>' names); empty when none.</summary>
    public IReadOnlyList<string> Flags { get; init; } = [];

    internal CallerNumberFigures Figures => new(RecentCalls, RecentAnswered, RecentShort, RecentRejected, RecentComplaints, RecentWrongNumbers);
}
