namespace AutoDialer.Core.StoredWords;

/// <summary>Where one call attempt is; stored by its name in <see cref="AttemptStatuses"/>.</summary>
internal enum AttemptStatus
{
    /// <summary>A preview: the contact is offered to its agent, who has not decided yet; nothing is dialled.</summary>
    Offered,

    /// <summary>Written, and the make-call has not been answered yet.</summary>
    Dialing,

    /// <summary>The provider accepted the make-call.</summary>
    Placed,

    /// <summary>The make-call timed out or the session was lost: nobody knows whether it rang.</summary>
    Unknown,

    /// <summary>Has an outcome. Every other status is live.</summary>
    Settled,
}
