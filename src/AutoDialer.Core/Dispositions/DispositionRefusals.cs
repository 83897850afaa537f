namespace AutoDialer.Core.Dispositions;

/// <summary>The names of <see cref="DispositionRefusal"/> as the page hears them (<c>reply.error.code</c>) and the API shows them.</summary>
internal static class DispositionRefusals
{
    public const string UnknownAttempt = "unknown_attempt";
    public const string NotYourAttempt = "not_your_attempt";
    public const string NoCall = "no_call";
    public const string TooLate = "too_late";
    public const string UnknownCode = "unknown_code";
    public const string CallbackTimeRequired = "callback_time_required";
    public const string CallbackTimeOutOfRange = "callback_time_out_of_range";
    public const string NoteTooLong = "note_too_long";

    public static string ToName(this DispositionRefusal refusal) => refusal switch
    {
        DispositionRefusal.UnknownAttempt => UnknownAttempt,
        DispositionRefusal.NotYourAttempt => NotYourAttempt,
        DispositionRefusal.NoCall => NoCall,
        DispositionRefusal.TooLate => TooLate,
        DispositionRefusal.UnknownCode => UnknownCode,
        DispositionRefusal.CallbackTimeRequired => CallbackTimeRequired,
        DispositionRefusal.CallbackTimeOutOfRange => CallbackTimeOutOfRange,
        DispositionRefusal.NoteTooLong => NoteTooLong,
        _ => throw new ArgumentOutOfRangeException(nameof(refusal), refusal, "Not a defined disposition refusal."),
    };
}
