using AutoDialer.Core.Dispositions;

namespace AutoDialer.Core.Settlement;

/// <summary>What settling one attempt, or recording its disposition, writes; <see cref="Unchanged"/> writes nothing.</summary>
internal sealed record SettlementDecision
{
    /// <summary>The attempt, its contact and the caller number stay as they are.</summary>
    public static SettlementDecision Unchanged { get; } = new();

    /// <summary>The attempt is settled with the reported outcome, or revised to it.</summary>
    public bool SettlesAttempt { get; init; }

    /// <summary>The disposition to keep with the attempt (it replaces one recorded before).</summary>
    public StoredDisposition? Disposition { get; init; }

    /// <summary>The contact's new state; null leaves the contact as it is.</summary>
    public ContactChange? Contact { get; init; }

    /// <summary>The number goes on the do-not-call list (the vendor blacklisted it, or the agent's disposition says so).</summary>
    public bool AddsToDoNotCallList { get; init; }

    /// <summary>
    /// What the call adds to its caller number's answer rate: true answered, false not answered, null nothing.
    /// </summary>
    public bool? AnswerRateSample { get; init; }

    /// <summary>The agent is given no next call until then, or until the call's disposition is recorded (its wrap-up).</summary>
    public DateTimeOffset? WrapUpUntil { get; init; }

    /// <summary>The agent's wait for this call's disposition is over: it has been recorded.</summary>
    public bool EndsWrapUp { get; init; }
}
