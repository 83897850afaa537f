using AutoDialer.Core.Campaigns;
using AutoDialer.Core.Settlement;
using AutoDialer.Core.StoredWords;

namespace AutoDialer.Chaos.Judging;

/// <summary>What the judge needs of a campaign's settings: when it may call (its calling schedule, in its time zone),
/// whether an answered call ends the contact, and the disposition codes that dial a contact again after a call (a retry,
/// a callback, a wrong number moving on to another).</summary>
/// <param name="MakeCallLateness">How long after the dial gate's last check a make-call may still reach the call center:
/// the nodes' make-call timeout (the deadline the page is sent).</param>
internal sealed record JudgedCampaign(CallingSchedule Schedule, bool AnsweredIsFinal, IReadOnlySet<string> ReopeningCodes, TimeSpan MakeCallLateness)
{
    private static readonly HashSet<DispositionEffect> Reopening = [DispositionEffect.RetryAfter, DispositionEffect.Callback, DispositionEffect.WrongNumber];

    public static JudgedCampaign Of(CampaignSettings settings, TimeSpan makeCallLateness)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return new JudgedCampaign(settings.Schedule, settings.Retry.FinalOutcomes.Contains(CallOutcome.Answered),
            settings.Dispositions.Codes.Where(c => Reopening.Contains(c.Effect)).Select(c => c.Code).ToHashSet(StringComparer.Ordinal), makeCallLateness);
    }
}
