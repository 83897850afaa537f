using AutoDialer.Core.Events;
using AutoDialer.Core.StoredWords;

namespace AutoDialer.Core.Settlement;

/// <summary>
/// What the stale sweeper does with one attempt whose events did not settle it in time. Its stored events come first:
/// a call whose end is stored is settled as those events say; one whose Established is stored reached the customer and
/// is never settled unknown (settled answered once the call is over, so the customer is not called again). "Could not
/// ask" is not "no call": an attempt is settled without its end only when the provider says its call is gone, or past
/// the maximum age. An attempt whose make-call is still to be sent or answered is left alone until the maximum age.
/// </summary>
internal static class StaleAttemptRules
{
    /// <summary>The vendor code a settlement by the sweeper carries (a message says why).</summary>
    public const string StaleCode = "AD-STALE";

    /// <summary>The vendor code of an attempt given back because its page says the make-call never reached its SDK.</summary>
    public const string NeverDialledCode = "AD-NEVER-DIALLED";

    /// <summary>The outcome to settle the attempt with; null leaves it live.</summary>
    public static ClassifiedOutcome? Decide(StaleAttemptFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        if (facts.Ended is { } ended)
            return ended;
        if (facts.MakeCallPending && !facts.PastMaxAge)
            return null;
        // The call center's own record says no call was placed: given back with its budget, whatever its age.
        if (facts.Provider == ProviderAnswer.NeverDialled && facts.Progress == StoredCallProgress.Nothing)
            return new ClassifiedOutcome(CallOutcome.Failed, TimeSpan.Zero, TimeSpan.Zero, VendorCode: NeverDialledCode,
                VendorMessage: "the agent's page never handed the make-call to its SDK (it left the session the make-call was sent on); nothing was dialled",
                NotDialled: true);
        if (facts.Provider == ProviderAnswer.StillOnCall)
            return null;
        if (!facts.PastMaxAge && facts.Provider != ProviderAnswer.NoSuchCall)
            return null;

        var why = facts.PastMaxAge
            ? "no outcome within the maximum age; the provider could not tell"
            : "no hang-up event within the stale timeout and the provider no longer has the call";
        // An attempt already marked unknown (its make-call timed out) keeps the code it was given then.
        var code = facts.Status == AttemptStatus.Unknown ? null : StaleCode;
        return facts.Progress == StoredCallProgress.Answered
            ? new ClassifiedOutcome(CallOutcome.Answered, TimeSpan.Zero, TimeSpan.Zero, VendorCode: StaleCode,
                VendorMessage: $"answered (Established is stored); {why}, so its talk time is not known")
            : new ClassifiedOutcome(CallOutcome.Unknown, TimeSpan.Zero, TimeSpan.Zero, VendorCode: code, VendorMessage: why);
    }
}
