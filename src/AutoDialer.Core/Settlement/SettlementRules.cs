using AutoDialer.Core.StoredWords;

namespace AutoDialer.Core.Settlement;

/// <summary>
/// What an outcome reported for an attempt changes. A live attempt is settled; a settled one is revised when the
/// report tells a different story (a late event after the sweeper, Established after ConnectionCleared), except:
/// <list type="bullet">
/// <item>a report meant only for a live attempt (the stale sweeper's) leaves a settled one alone;</item>
/// <item><see cref="CallOutcome.Unknown"/> never replaces a known outcome (ignorance is no news), while a known
/// outcome does replace <see cref="CallOutcome.Unknown"/>.</item>
/// </list>
/// The contact then follows the campaign's retry policy, except that a revision never re-opens a contact that has
/// been leased again since, settlement never moves a suppressed contact (it only records the call's outcome on it), and a contact whose number is on the
/// do-not-call list is never made pending or deferred: it is suppressed instead (done stays done).
/// </summary>
internal static class SettlementRules
{
    /// <param name="now">When the outcome is recorded; retry delays count from here.</param>
    public static SettlementDecision Decide(AttemptFacts attempt, ContactFacts contact, ReportedOutcome reported, RetryPolicy retry, DateTimeOffset now)
    {
        var revision = attempt.Status == AttemptStatus.Settled;
        if (revision && (reported.OnlyIfLive || reported.Outcome == attempt.Outcome || reported.Outcome == CallOutcome.Unknown))
            return SettlementDecision.Unchanged;

        return new SettlementDecision
        {
            SettlesAttempt = true,
            Contact = revision && (!attempt.IsLatestOfContact || contact.State == ContactState.Dialing)
                ? null
                : NextContact(contact, reported, retry, now),
            AddsToDoNotCallList = reported.Outcome == CallOutcome.Blacklisted,
            // A caller number's record takes one sample per call: a revision adds one only if the first outcome said
            // nothing about answering (the sweeper's unknown), since an appended sample cannot be taken back.
            AnswerRateSample = revision && IsCustomerAnswer(attempt.Outcome) is not null ? null : IsCustomerAnswer(reported.Outcome),
        };
    }

    private static ContactChange? NextContact(ContactFacts contact, ReportedOutcome reported, RetryPolicy retry, DateTimeOffset now)
    {
        // Stays suppressed whatever the outcome, but its last outcome is the call's (a revision to answered included).
        if (contact.State == ContactState.Suppressed)
            return new ContactChange(ContactState.Suppressed);
        // The number is going on the list in this same settlement when the vendor blacklisted it.
        var doNotCall = contact.OnDoNotCallList || reported.Outcome == CallOutcome.Blacklisted;
        if (reported.NotDialled)
            return doNotCall ? new ContactChange(ContactState.Suppressed, Refund: true) : new ContactChange(ContactState.Pending, NotDialledDue(reported, retry, now), Refund: true);

        // At least this attempt, and no more today than in all, whatever refunds did to the counts.
        var attempts = Math.Max(contact.Attempts, 1);
        var today = Math.Clamp(contact.AttemptsToday, 1, attempts);
        return retry.Decide(reported.Outcome, attempts, today, now) switch
        {
            RetryDecision.Final => new ContactChange(ContactState.Done),
            _ when doNotCall => new ContactChange(ContactState.Suppressed),
            RetryDecision.RetryAt at => new ContactChange(ContactState.Pending, at.Due),
            RetryDecision.NextDay => new ContactChange(ContactState.Deferred),
            var other => throw new InvalidOperationException($"No contact state for {other}."),
        };
    }

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
