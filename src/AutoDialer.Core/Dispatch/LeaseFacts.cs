using AutoDialer.Core.Campaigns;

namespace AutoDialer.Core.Dispatch;

/// <summary>What one lease transaction read and locked before any contact is looked at, and what it decides by.</summary>
/// <param name="FreeAgents">The agents without a live attempt, in order of service (longest idle first).</param>
/// <param name="AttemptIds">Attempt ids drawn for this lease, one per agent asked for; the unused ones are never used.</param>
/// <param name="CallerNumbers">The campaign's caller numbers as stored (none when it has none).</param>
/// <param name="Caps">The frequency caps in force for the campaign.</param>
/// <param name="Now">The moment of the lease.</param>
internal sealed record LeaseFacts(
    long CampaignId,
    CampaignSettings Settings,
    FrequencyCaps Caps,
    IReadOnlyList<string> FreeAgents,
    IReadOnlyList<long> AttemptIds,
    IReadOnlyList<CallerNumberRecord> CallerNumbers,
    DateTimeOffset Now);
