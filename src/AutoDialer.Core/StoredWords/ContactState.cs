namespace AutoDialer.Core.StoredWords;

/// <summary>Where a contact is in its dialling; stored by its name in <see cref="ContactStates"/>.</summary>
internal enum ContactState
{
    /// <summary>Waiting to be dialled once its due time has passed.</summary>
    Pending,

    /// <summary>Has a live attempt.</summary>
    Dialing,

    /// <summary>Retryable, but today's cap is reached: the nightly batch schedules it into the next day.</summary>
    Deferred,

    /// <summary>Its number is on the do-not-call list: never dialled while it is there.</summary>
    Suppressed,

    /// <summary>A final outcome was reached or the budget is used up.</summary>
    Done,
}
