namespace AutoDialer.Core.StoredWords;

/// <summary>
/// What a disposition (the agent's wrap-up code) does to its contact; stored by its name in <see cref="DispositionEffects"/>
/// (<c>attempts.disposition_effect</c>) and the word of the settings (<c>dispositions.codes[].effect</c>).
/// </summary>
internal enum DispositionEffect
{
    /// <summary>Done: the call reached its goal.</summary>
    FinalSuccess,

    /// <summary>Done: the call will not reach its goal.</summary>
    FinalFailure,

    /// <summary>Dialled again after the code's delay, within the contact's budget.</summary>
    RetryAfter,

    /// <summary>Dialled again at the time the agent gave, by that agent first (an owned callback).</summary>
    Callback,

    /// <summary>The number goes on the do-not-call list, for every campaign, at once.</summary>
    DoNotCall,

    /// <summary>Done: the number is not the contact's.</summary>
    WrongNumber,
}
