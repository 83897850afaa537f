using System.Diagnostics.CodeAnalysis;

namespace AutoDialer.Core.Telephony;

/// <summary>
/// The vendor envelope <c>{ Code, Message, Data, Visible }</c> of a method without data. Vendor failures are
/// values of this type, never exceptions: a make-call is not idempotent, and its caller must see exactly
/// what the vendor said to decide what is known about the call.
/// </summary>
/// <param name="Code">"0000" on success (<see cref="VendorCodes"/>).</param>
/// <param name="Message">The vendor's success or failure text.</param>
/// <param name="Visible">Whether the vendor allows showing <paramref name="Message"/> to a user.</param>
internal record VendorResult(string Code, string Message, bool Visible)
{
    public bool IsSuccess => Code == VendorCodes.Success;

    public static VendorResult Success() => new(VendorCodes.Success, "", false);

    public static VendorResult Failure(string code, string message, bool visible = false) => new(code, message, visible);

    public static VendorResult Timeout() => new(VendorCodes.Timeout, "no response from the agent session in time", false);

    public static VendorResult NoSession() => new(VendorCodes.NoSession, "the agent has no connected session", false);
}

/// <summary>The vendor envelope of a method that returns <see cref="Data"/> on success.</summary>
[SuppressMessage("Design", "CA1000", Justification = "Named constructors of the result type (VendorResult<T>.Success(…)) read better than a separate factory class.")]
internal sealed record VendorResult<T>(string Code, string Message, bool Visible, T? Data)
    : VendorResult(Code, Message, Visible)
{
    public static VendorResult<T> Success(T data) => new(VendorCodes.Success, "", false, data);

    public static new VendorResult<T> Failure(string code, string message, bool visible = false) =>
        new(code, message, visible, default);

    /// <summary>Carries another result's failure over to this data type.</summary>
    public static VendorResult<T> FailureFrom(VendorResult failure) =>
        new(failure.Code, failure.Message, failure.Visible, default);

    public static new VendorResult<T> Timeout() => FailureFrom(VendorResult.Timeout());

    public static new VendorResult<T> NoSession() => FailureFrom(VendorResult.NoSession());
}
