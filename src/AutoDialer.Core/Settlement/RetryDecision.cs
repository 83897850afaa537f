using AutoDialer.Core.StoredWords;

namespace AutoDialer.Core.Settlement;

/// <summary>What happens to a contact after an attempt: one of <see cref="Final"/>, <see cref="RetryAt"/>, <see cref="NextDay"/>.</summary>
internal abstract record RetryDecision
{
    // Closed: callers can switch over the three cases without a default branch that hides a new one.
    private RetryDecision()
    {
    }

    /// <summary>The contact is done; <see cref="Outcome"/> is its result.</summary>
    public sealed record Final(CallOutcome Outcome, FinalReason Reason) : RetryDecision;

    /// <summary>Dial again once <see cref="Due"/> has passed (and the calling window is open).</summary>
    public sealed record RetryAt(DateTimeOffset Due) : RetryDecision;

    /// <summary>Today's cap is used up but budget is left: the nightly batch schedules the contact into the next day.</summary>
    public sealed record NextDay : RetryDecision
    {
        public static NextDay Instance { get; } = new();
    }
}
