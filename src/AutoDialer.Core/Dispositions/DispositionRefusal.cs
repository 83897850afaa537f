namespace AutoDialer.Core.Dispositions;

/// <summary>Why a disposition was not recorded; told to the page by its name in <see cref="DispositionRefusals"/>.</summary>
internal enum DispositionRefusal
{
    /// <summary>No attempt has that id.</summary>
    UnknownAttempt,

    /// <summary>The attempt is another agent's (or another account's): a page disposes only of its own agent's calls.</summary>
    NotYourAttempt,

    /// <summary>The attempt was only offered (preview) and never dialled.</summary>
    NoCall,

    /// <summary>The hang-up was longer ago than the campaign accepts (<c>dispositions.accept_for</c>).</summary>
    TooLate,

    /// <summary>The campaign has no code by that name.</summary>
    UnknownCode,

    /// <summary>A callback code needs a time.</summary>
    CallbackTimeRequired,

    /// <summary>The callback time is in the past, or further ahead than the campaign allows (<c>callbacks.max_ahead</c>).</summary>
    CallbackTimeOutOfRange,

    /// <summary>The note is longer than <see cref="DispositionRequest.MaxNoteLength"/>.</summary>
    NoteTooLong,
}
