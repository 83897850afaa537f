namespace AutoDialer.Core.Telephony;

/// <summary>
/// Result codes carried in <see cref="VendorResult.Code"/>.
/// </summary>
/// <remarks>
/// The Udesk SDK 2.1.0 document lists a single code, "0000" for success; it documents no error codes
/// (only the failure callback's shape, and "外呼失败" as an example message). Every other constant here is
/// ours, prefixed "AD-" so it can never be mistaken for a vendor code in storage or logs.
/// </remarks>
internal static class VendorCodes
{
    /// <summary>Udesk: the method succeeded.</summary>
    public const string Success = "0000";

    /// <summary>Prefix of every code that AutoDialer invents rather than receives from a vendor.</summary>
    public const string LocalPrefix = "AD-";

    /// <summary>Local: no answer from the session in time. The request may or may not have reached the vendor.</summary>
    public const string Timeout = "AD-TIMEOUT";

    /// <summary>Local: the agent has no connected session, so the request never left the dialer.</summary>
    public const string NoSession = "AD-NO-SESSION";

    /// <summary>Local: the agent is not idle (in a call, in wrap-up, on break or offline), so nothing was dialled.</summary>
    public const string AgentNotIdle = "AD-AGENT-NOT-IDLE";

    /// <summary>Local: dispatch failed after the lease and before make-call (a database blip, a timeout, the node
    /// stopping), so nothing was dialled and the attempt was given back.</summary>
    public const string DispatchFailed = "AD-DISPATCH-FAILED";

    /// <summary>Local: the agent's session cannot tell whether its agent is on a call — its page (reconnected) has reported
    /// no call state yet. "Could not ask", never "no call"; the provider was not asked, so it does not count against it.</summary>
    public const string StateNotKnown = "AD-STATE-NOT-KNOWN";

    /// <summary>Local: a callback-mode call whose agent leg was not picked up, so the customer was never called.</summary>
    public const string AgentLegUnanswered = "AD-AGENT-LEG-UNANSWERED";

    /// <summary>Local: the number was refused as not diallable, so nothing was dialled.</summary>
    public const string InvalidNumber = "AD-INVALID-NUMBER";

    /// <summary>Local: the business id is longer than the vendor allows (Meiqia <c>userData</c>: 300), so nothing was sent.</summary>
    public const string BusinessIdTooLong = "AD-BUSINESS-ID-TOO-LONG";

    /// <summary>Local: the request's arguments were refused before dialling (by us, or by the SDK's validator).</summary>
    public const string InvalidRequest = "AD-INVALID-REQUEST";

    /// <summary>Local: the vendor reported a failure without a code of its own (Meiqia's error callbacks).</summary>
    public const string VendorRejected = "AD-VENDOR-REJECTED";

    /// <summary>Local: the agent bridge could not run the method (missing in the SDK, threw, or an unknown
    /// command), so the vendor did not act.</summary>
    public const string BridgeError = "AD-BRIDGE-ERROR";

    /// <summary>Local: the make-call's deadline (the end of its dial fence) passed before it was sent, or before the page
    /// ran it, so nothing was dialled.</summary>
    public const string DeadlinePassed = "AD-DEADLINE-PASSED";

    /// <summary>Local: the vendor placed the call only after the make-call's deadline; the page hung it up at once. It may
    /// have rung.</summary>
    public const string PlacedLate = "AD-PLACED-LATE";

    /// <summary>Local: the vendor offers nothing for this request.</summary>
    public const string NotSupported = "AD-NOT-SUPPORTED";

    /// <summary>Local: the vendor's Open API refused our access token (HTTP 401).</summary>
    public const string OpenApiUnauthorized = "AD-OPENAPI-UNAUTHORIZED";

    /// <summary>Local: the vendor's Open API failed, timed out, answered nonsense, or its circuit is open.</summary>
    public const string OpenApiUnavailable = "AD-OPENAPI-UNAVAILABLE";

    public static bool IsLocal(string code) => code.StartsWith(LocalPrefix, StringComparison.Ordinal);
}
