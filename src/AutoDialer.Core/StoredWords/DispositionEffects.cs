namespace AutoDialer.Core.StoredWords;

/// <summary>
/// The stored names of <see cref="DispositionEffect"/> (<c>attempts.disposition_effect</c>, listed by the schema's
/// <c>attempts_disposition_effect_check</c>; and <c>dispositions.codes[].effect</c> in campaign settings), in both directions.
/// </summary>
internal static class DispositionEffects
{
    public const string FinalSuccess = "final_success";
    public const string FinalFailure = "final_failure";
    public const string RetryAfter = "retry_after";
    public const string Callback = "callback";
    public const string DoNotCall = "do_not_call";
    public const string WrongNumber = "wrong_number";

    /// <summary>Every effect, in declaration order.</summary>
    public static IReadOnlyList<DispositionEffect> All { get; } = Array.AsReadOnly(Enum.GetValues<DispositionEffect>());

    // Spelled out rather than derived from the member names so that renaming a member cannot change stored data.
    public static string ToName(this DispositionEffect effect) => effect switch
    {
        DispositionEffect.FinalSuccess => FinalSuccess,
        DispositionEffect.FinalFailure => FinalFailure,
        DispositionEffect.RetryAfter => RetryAfter,
        DispositionEffect.Callback => Callback,
        DispositionEffect.DoNotCall => DoNotCall,
        DispositionEffect.WrongNumber => WrongNumber,
        _ => throw new ArgumentOutOfRangeException(nameof(effect), effect, "Not a defined disposition effect."),
    };

    /// <summary>Reads a stored name.</summary>
    /// <exception cref="FormatException">The text is not a disposition effect: the row was written by something else.</exception>
    public static DispositionEffect Parse(string name) => name switch
    {
        FinalSuccess => DispositionEffect.FinalSuccess,
        FinalFailure => DispositionEffect.FinalFailure,
        RetryAfter => DispositionEffect.RetryAfter,
        Callback => DispositionEffect.Callback,
        DoNotCall => DispositionEffect.DoNotCall,
        WrongNumber => DispositionEffect.WrongNumber,
        _ => throw new FormatException($"'{name}' is not a disposition effect."),
    };
}
