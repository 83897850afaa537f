namespace AutoDialer.Core.Settlement;

/// <summary>Why a contact will not be dialled again.</summary>
internal enum FinalReason
{
    /// <summary>The outcome is one of the policy's final outcomes (answered, blacklisted, invalid by default).</summary>
    FinalOutcome,

    /// <summary>The contact has used its whole budget of attempts.</summary>
    BudgetExhausted,

    /// <summary>The outcome is neither final nor has a retry delay, so there is no rule for retrying it.</summary>
    NotRetryable,
}
