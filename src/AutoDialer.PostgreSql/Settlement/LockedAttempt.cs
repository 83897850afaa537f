using AutoDialer.Core.Campaigns;
using AutoDialer.Core.Settlement;

namespace AutoDialer.PostgreSql.Settlement;

/// <summary>An attempt about to be settled, read with it and its contact locked: what <see cref="SettlementRules"/> decides on.</summary>
/// <param name="CallerNumberId">The caller number it showed, whose answer record a settlement may add to.</param>
/// <param name="Settings">Its campaign's settings as they are now.</param>
internal sealed record LockedAttempt(
    long AttemptId,
    long CampaignId,
    long ContactId,
    string Phone,
    string? CallerNumberId,
    AttemptFacts Attempt,
    ContactFacts Contact,
    CampaignSettings Settings)
{
    /// <summary>The account the attempt was dialled through.</summary>
    public string ProviderAccount { get; init; } = "";

    /// <summary>The agent it was dialled for.</summary>
    public string AgentId { get; init; } = "";

    /// <summary>When it was settled; null while it is live.</summary>
    public DateTimeOffset? SettledAt { get; init; }
}
