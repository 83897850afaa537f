using AutoDialer.Core.StoredWords;

namespace AutoDialer.Core.Settlement;

/// <summary>
/// When a contact with other numbers (a list's phone2, 备用电话 …) moves on to the next one. A number that cannot be
/// reached (the vendor says blacklisted or invalid, an agent says wrong number or do not call, or it is on the do-not-call list) is
/// given up at once; one that failed (no answer, busy, rejected, failed) <see cref="RetryPolicy.FailuresBeforeNextNumber"/>
/// times is given up when the contact is retried. Either way it concerns that number only: the contact goes on with its
/// next number and its one budget of attempts (<see cref="RetryPolicy.MaxAttempts"/>, a day's cap included) — a spent
/// budget ends it whatever numbers are left.
/// </summary>
internal static class NextNumberRule
{
    /// <param name="change">What <see cref="SettlementRules"/> decided for the contact; null: it does not move.</param>
    /// <param name="numberGivenUp">An agent said the person at this number is not the contact (wrong number), or put it on
    /// the do-not-call list, with this decision.</param>
    /// <param name="now">When the outcome is recorded: a contact whose number was given up is due again from then.</param>
    /// <returns>Null when its numbers stay as they are.</returns>
    public static NumberStep? Decide(ContactFacts contact, ContactNumbers numbers, CallOutcome outcome, ContactChange? change,
        RetryPolicy retry, DateTimeOffset now, bool numberGivenUp = false)
    {
        ArgumentNullException.ThrowIfNull(contact);
        ArgumentNullException.ThrowIfNull(numbers);
        ArgumentNullException.ThrowIfNull(retry);
        // One to a number the contact has left, or a contact suppressed before: nothing to count.
        if (change is null || !numbers.DialledCurrent || contact.State == ContactState.Suppressed)
            return null;
        // A call that never happened counts no failure; refused because its number is listed, the contact moves on all the same.
        if (change.Refund)
            return contact.OnDoNotCallList && change.State == ContactState.Suppressed && numbers.Alternates > 0
                ? new NumberStep(0, MovesOn: true, change with { State = ContactState.Pending, Due = now })
                : null;

        var unreachable = numberGivenUp || outcome is CallOutcome.Blacklisted or CallOutcome.Invalid
                          || (contact.OnDoNotCallList && change.State == ContactState.Suppressed);
        if (unreachable)
            return numbers.Alternates > 0 ? new NumberStep(0, MovesOn: true, WithinBudget(contact, retry, now)) : null;

        if (outcome is not (CallOutcome.NoAnswer or CallOutcome.Busy or CallOutcome.Rejected or CallOutcome.Failed))
            return null;
        var failures = numbers.Failures + 1;
        var retried = change.State is ContactState.Pending or ContactState.Deferred;
        return retried && failures >= retry.FailuresBeforeNextNumber && numbers.Alternates > 0
            ? new NumberStep(0, MovesOn: true, change)
            : new NumberStep(failures, MovesOn: false, change);
    }

    /// <summary>The next number is tried now, if the contact's budget allows today; tomorrow, if only today's is spent.</summary>
    private static ContactChange WithinBudget(ContactFacts contact, RetryPolicy retry, DateTimeOffset now)
    {
        var attempts = Math.Max(contact.Attempts, 1);
        var today = Math.Clamp(contact.AttemptsToday, 1, attempts);
        if (attempts >= retry.MaxAttempts)
            return new ContactChange(ContactState.Done);
        return today >= retry.MaxAttemptsPerDay ? new ContactChange(ContactState.Deferred) : new ContactChange(ContactState.Pending, now);
    }
}
