using AutoDialer.Core.Campaigns;
using AutoDialer.Core.Settlement;
using AutoDialer.Core.StoredWords;

namespace AutoDialer.Chaos.Judging;

/// <summary>What the judge needs of a campaign's settings: when it may call (its calling schedule, in its time zone),
/// whether an answered call ends the contact, and the disposition codes that dial a contact again after a call (a retry,
/// a callback, a wrong number moving on to another).</summary>
/// <param name="MakeCallLateness">How long after the dial gate's last check a make-call may still reach the call center:
/// the nodes' make-call start limit (the deadline the page is sent) and the dial fence's grace.</param>
internal sealed record JudgedCampaign(CallingSchedule Schedule, bool AnsweredIsFinal, IReadOnlySet<string> ReopeningCodes, TimeSpan MakeCallLateness)
{
    /// <summary>Dials a callback may take beyond the contact's budget (<c>callbacks.extra_attempts</c>): an agent's promise
    /// to call back is kept even when the budget is spent or lowered.</summary>
    public int CallbackExtraAttempts { get; init; }

    private static readonly HashSet<DispositionEffect> Reopening = [DispositionEffect.RetryAfter, DispositionEffect.Callback, DispositionEffect.WrongNumber];

    public static JudgedCampaign Of(CampaignSettings settings, TimeSpan makeCallLateness)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return new JudgedCampaign(settings.Schedule, settings.Retry.FinalOutcomes.Contains(CallOutcome.Answered),
            settings.Dispositions.Codes.Where(c => Reopening.Contains(c.Effect)).Select(c => c.Code).ToHashSet(StringComparer.Ordinal), makeCallLateness)
        {
            CallbackExtraAttempts = settings.Callbacks.ExtraAttempts,
        };
    }
}
