using AutoDialer.Core.Dispatch;

namespace AutoDialer.Chaos.Judging;

/// <summary>What the operator did while the campaigns dialled, each with the moment the API answered: numbers added
/// to the do-not-call list, each campaign's budget and pauses, the frequency caps in force, and every API call with
/// how long it took.</summary>
internal sealed record OperatorActions
{
    /// <summary>Number (as the dialer stores it) → when the API confirmed it on the list.</summary>
    public IReadOnlyDictionary<string, DateTimeOffset> DoNotCallAdded { get; init; } = new Dictionary<string, DateTimeOffset>();

    /// <summary>Campaign id → its budget and pauses; a campaign not named here had neither changed.</summary>
    public IReadOnlyDictionary<long, CampaignActions> Campaigns { get; init; } = new Dictionary<long, CampaignActions>();

    /// <summary>The callee frequency caps every campaign had (the same settings in each); off unless set.</summary>
    public FrequencyCaps Caps { get; init; } = FrequencyCaps.Off;

    public IReadOnlyList<OperatorCall> Calls { get; init; } = [];

    public CampaignActions For(long campaignId) => Campaigns.TryGetValue(campaignId, out var actions) ? actions : new CampaignActions();

    /// <summary>Whether the campaign was paused at <paramref name="at"/> (from the confirmation plus <paramref name="grace"/>).</summary>
    public bool Paused(long campaignId, DateTimeOffset at, TimeSpan grace) => For(campaignId).Pauses.Any(p => at > p.From + grace && at < p.To);
}
