using AutoDialer.Core.StoredWords;

namespace AutoDialer.PostgreSql.Campaigns;

/// <summary>
/// Where a campaign's contacts are, from the trigger-maintained counters. <see cref="Answered"/> is the number of
/// answered attempts, which is the number of contacts finished by an answer (answered is final: one per contact).
/// </summary>
internal sealed record CampaignProgress(
    long CampaignId,
    CampaignState State,
    long Contacts,
    long Pending,
    long Dialing,
    long Deferred,
    long Suppressed,
    long Done,
    long Answered)
{
    /// <summary>Finished without an answer: budget spent, blacklisted, invalid, not retryable.</summary>
    public long Failed => Math.Max(0, Done - Answered);

    /// <summary>Still to be dialled, now or on a later day.</summary>
    public long Remaining => Pending + Dialing + Deferred;

    public static CampaignProgress Empty(long campaignId, CampaignState state) => new(campaignId, state, 0, 0, 0, 0, 0, 0, 0);
}
