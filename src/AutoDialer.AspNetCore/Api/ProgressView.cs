using AutoDialer.Core.StoredWords;
using AutoDialer.PostgreSql.Campaigns;

namespace AutoDialer.AspNetCore.Api;

/// <summary>
/// A campaign's progress from its counters, with the recent dialling rate and the time left at that rate (one attempt
/// per remaining contact, so a lower bound when retries follow; in the dialer's clock).
/// </summary>
internal sealed record ProgressView(
    long CampaignId,
    string State,
    long Contacts,
    long Pending,
    long Dialing,
    long Deferred,
    long Suppressed,
    long Done,
    long Answered,
    long Failed,
    long Remaining,
    double AttemptsPerSecond,
    double? EtaSeconds,
    DateTimeOffset? LastAttemptAt)
{
    public static ProgressView From(CampaignProgress progress, CampaignState state, DialingRate rate) => new(
        progress.CampaignId, state.ToName(), progress.Contacts, progress.Pending, progress.Dialing, progress.Deferred,
        progress.Suppressed, progress.Done, progress.Answered, progress.Failed, progress.Remaining,
        Math.Round(rate.AttemptsPerSecond, 3),
        // A campaign that is not running will not finish at any rate.
        state == CampaignState.Running ? rate.SecondsFor(progress.Remaining) is { } eta ? Math.Round(eta) : null : null,
        rate.LastAttemptAt);
}
