using AutoDialer.Core.StoredWords;

namespace AutoDialer.Core.Dispatch;

/// <summary>
/// Where a contact the dial gate refused goes (<see cref="Refusing"/>): a number on the do-not-call list is suppressed,
/// a spent budget is done, a used-up day waits for the nightly batch, and the rest stay pending, due again when the
/// gate could say yes (a window opening, a frequency cap freeing up).
/// </summary>
/// <param name="Due">When it is due again; null keeps the stored due time.</param>
/// <param name="Reason">Why: kept as the contact's wait reason and counted as a refusal.</param>
/// <param name="Refund">The contact had been leased already (the second check refused it): its attempt is given back.</param>
internal sealed record ContactMove(long ContactId, ContactState State, DateTimeOffset? Due, DialRefusal Reason, bool Refund)
{
    public static ContactMove Refusing(long contactId, DialVerdict.Refused refused, bool refund = false)
    {
        var (state, due) = refused.Reason switch
        {
            DialRefusal.DoNotCall => (ContactState.Suppressed, (DateTimeOffset?)null),
            DialRefusal.BudgetExhausted => (ContactState.Done, null),
            DialRefusal.DailyCap => (ContactState.Deferred, null),
            _ => (ContactState.Pending, refused.NotBefore),
        };
        return new ContactMove(contactId, state, due, refused.Reason, refund);
    }
}
