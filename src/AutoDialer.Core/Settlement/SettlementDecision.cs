namespace AutoDialer.Core.Settlement;

/// <summary>What settling one attempt writes; <see cref="Unchanged"/> writes nothing.</summary>
internal sealed record SettlementDecision
{
    /// <summary>The attempt, its contact and the caller number stay as they are.</summary>
    public static SettlementDecision Unchanged { get; } = new();

    /// <summary>The attempt is settled with the reported outcome, or revised to it.</summary>
    public bool SettlesAttempt { get; init; }

    /// <summary>The contact's new state; null leaves the contact as it is.</summary>
    public ContactChange? Contact { get; init; }

    /// <summary>The number goes on the do-not-call list (the vendor blacklisted it).</summary>
    public bool AddsToDoNotCallList { get; init; }

    /// <summary>
    /// What the call adds to its caller number's answer rate: true answered, false not answered, null nothing.
    /// </summary>
    public bool? AnswerRateSample { get; init; }
}
