using AutoDialer.Core.Callbacks;
using AutoDialer.Core.Campaigns;
using AutoDialer.Core.Dispositions;
using AutoDialer.Core.StoredWords;

namespace AutoDialer.Core.Settlement;

/// <summary>
/// What an outcome reported for an attempt, or a disposition its agent recorded, changes. A live attempt is settled; a
/// settled one is revised when the report tells a different story (a late event after the sweeper, Established after
/// ConnectionCleared), except:
/// <list type="bullet">
/// <item>a report meant only for a live attempt (the stale sweeper's) leaves a settled one alone;</item>
/// <item><see cref="CallOutcome.Unknown"/> never replaces a known outcome (ignorance is no news), while a known
/// outcome does replace <see cref="CallOutcome.Unknown"/>.</item>
/// </list>
/// The contact's next state comes from the vendor's outcome and the agent's disposition together (<see cref="NextContact"/>):
/// the disposition decides (the agent heard the customer) unless the vendor says the number is dead (blacklisted,
/// invalid); without one, the campaign's retry policy does. A disposition usually arrives after the hang-up, so it is a
/// revision through this same path. In every case a revision never re-opens a contact that has been leased again
/// since, settlement never moves a suppressed contact (it only records the call's outcome on it), and a contact whose
/// number is on the do-not-call list is never made pending or deferred: it is suppressed instead (done stays done).
/// The budget stays the contact's one budget.
/// </summary>
internal static class SettlementRules
{
    /// <summary>An outcome reported by events, a make-call's result or the stale sweeper.</summary>
    /// <param name="now">When the outcome is recorded; retry delays count from here.</param>
    public static SettlementDecision Decide(AttemptFacts attempt, ContactFacts contact, ReportedOutcome reported, CampaignSettings settings, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        ArgumentNullException.ThrowIfNull(reported);
        ArgumentNullException.ThrowIfNull(settings);
        var revision = attempt.Status == AttemptStatus.Settled;
        if (revision && (reported.OnlyIfLive || reported.Outcome == attempt.Outcome || reported.Outcome == CallOutcome.Unknown))
            return SettlementDecision.Unchanged;

        return new SettlementDecision
        {
            SettlesAttempt = true,
            Contact = revision && !MayMove(attempt, contact)
                ? null
                : NextContact(contact, reported.Outcome, reported, attempt.Disposition, settings, now),
            AddsToDoNotCallList = reported.Outcome == CallOutcome.Blacklisted,
            // A caller number's record takes one sample per call: a revision adds one only if the first outcome said
            // nothing about answering (the sweeper's unknown), since an appended sample cannot be taken back.
            AnswerRateSample = revision && IsCustomerAnswer(attempt.Outcome) is not null ? null : IsCustomerAnswer(reported.Outcome),
            // The agent talked to someone and has a disposition to type: its next call waits for it, if the campaign says so.
            WrapUpUntil = !revision && reported.Outcome == CallOutcome.Answered && !reported.NotDialled && attempt.Disposition is null
                          && settings.Dispositions.WaitInWrapUp
                ? now + settings.Dispositions.WrapUpTimeout
                : null,
        };
    }

    /// <summary>
    /// A disposition recorded for an attempt (checked already, <see cref="DispositionCheck"/>): kept with the attempt; the
    /// contact moves by it when the attempt is settled and still its contact's latest, not leased again since (a disposition
    /// recorded during the call moves the contact when the hang-up settles it). Do-not-call goes on the list at once.
    /// </summary>
    public static SettlementDecision DecideDisposition(AttemptFacts attempt, ContactFacts contact, StoredDisposition disposition, CampaignSettings settings, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        ArgumentNullException.ThrowIfNull(disposition);
        ArgumentNullException.ThrowIfNull(settings);
        var settled = attempt is { Status: AttemptStatus.Settled, Outcome: not null };
        return new SettlementDecision
        {
            Disposition = disposition,
            Contact = settled && MayMove(attempt, contact) ? NextContact(contact, attempt.Outcome!.Value, null, disposition, settings, now) : null,
            AddsToDoNotCallList = disposition.Effect == DispositionEffect.DoNotCall,
            EndsWrapUp = true,
        };
    }

    /// <summary>A settled attempt moves its contact only while it is the contact's latest and the contact is not being dialled again.</summary>
    private static bool MayMove(AttemptFacts attempt, ContactFacts contact) =>
        attempt.Status != AttemptStatus.Settled || (attempt.IsLatestOfContact && contact.State != ContactState.Dialing);

    private static ContactChange? NextContact(ContactFacts contact, CallOutcome outcome, ReportedOutcome? reported, StoredDisposition? disposition,
        CampaignSettings settings, DateTimeOffset now)
    {
        // Stays suppressed whatever the outcome, but its last outcome is the call's (a revision to answered included).
        if (contact.State == ContactState.Suppressed)
            return new ContactChange(ContactState.Suppressed);
        var retry = settings.Retry;
        // The number is going on the list in this same settlement when the vendor blacklisted it or the agent said so.
        var doNotCall = contact.OnDoNotCallList || outcome == CallOutcome.Blacklisted || disposition?.Effect == DispositionEffect.DoNotCall;
        if (reported is { NotDialled: true })
            return doNotCall ? new ContactChange(ContactState.Suppressed, Refund: true) : new ContactChange(ContactState.Pending, NotDialledDue(reported, retry, now), Refund: true);

        // At least this attempt, and no more today than in all, whatever refunds did to the counts.
        var attempts = Math.Max(contact.Attempts, 1);
        var today = Math.Clamp(contact.AttemptsToday, 1, attempts);
        if (disposition is not null && outcome is not (CallOutcome.Blacklisted or CallOutcome.Invalid))
            return ByDisposition(disposition, doNotCall, attempts, today, settings);

        return retry.Decide(outcome, attempts, today, now) switch
        {
            RetryDecision.Final => new ContactChange(ContactState.Done),
            _ when doNotCall => new ContactChange(ContactState.Suppressed),
            RetryDecision.RetryAt at => new ContactChange(ContactState.Pending, at.Due),
            RetryDecision.NextDay => new ContactChange(ContactState.Deferred),
            var other => throw new InvalidOperationException($"No contact state for {other}."),
        };
    }

    /// <summary>Where the agent's disposition sends the contact: final, on the list, a retry within the budget, or a callback owned by the agent.</summary>
    private static ContactChange ByDisposition(StoredDisposition disposition, bool doNotCall, int attempts, int today, CampaignSettings settings) =>
        disposition.Effect switch
        {
            DispositionEffect.FinalSuccess or DispositionEffect.FinalFailure or DispositionEffect.WrongNumber => new ContactChange(ContactState.Done),
            DispositionEffect.DoNotCall => new ContactChange(ContactState.Suppressed),
            _ when doNotCall => new ContactChange(ContactState.Suppressed),
            // The gate decides at dial time whether the callback may use its extra attempts (callbacks.extra_attempts).
            DispositionEffect.Callback when disposition.DueAt is { } at =>
                new ContactChange(ContactState.Pending, at, Callback: ScheduledCallback.For(at, disposition.AgentId, settings.Callbacks)),
            DispositionEffect.RetryAfter when attempts >= settings.Retry.MaxAttempts => new ContactChange(ContactState.Done),
            DispositionEffect.RetryAfter when today >= settings.Retry.MaxAttemptsPerDay => new ContactChange(ContactState.Deferred),
            DispositionEffect.RetryAfter or DispositionEffect.Callback => new ContactChange(ContactState.Pending, disposition.DueAt ?? disposition.At),
            var effect => throw new InvalidOperationException($"No contact state for the disposition effect {effect}."),
        };

    /// <summary>A refusal of our request would come again at once: that contact waits the delay for failed (if any).</summary>
    private static DateTimeOffset NotDialledDue(ReportedOutcome reported, RetryPolicy retry, DateTimeOffset now) =>
        reported.NotDialledDueLater && retry.Delays.TryGetValue(CallOutcome.Failed, out var delay) ? now + delay : now;

    /// <summary>Whether the customer answered, for a caller number's answer rate; null when the call says nothing about it.</summary>
    private static bool? IsCustomerAnswer(CallOutcome? outcome) => outcome switch
    {
        CallOutcome.Answered => true,
        CallOutcome.NoAnswer or CallOutcome.Busy or CallOutcome.Rejected => false,
        _ => null,
    };
}
