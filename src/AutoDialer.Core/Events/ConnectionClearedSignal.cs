using AutoDialer.Core.Telephony.Udesk;

namespace AutoDialer.Core.Events;

/// <summary>The call was hung up (Udesk ConnectionCleared, Meiqia hangup).</summary>
/// <param name="HangupCause">The release cause when the payload has one (assumed field, see
/// <see cref="UdeskAssumptions"/>); null otherwise.</param>
internal sealed record ConnectionClearedSignal(
    CallCenterEvent Source,
    string? CallId,
    string? Number,
    string? DisplayNumber,
    string? BusinessId,
    string? HangupCause)
    : CallEventSignal(Source, CallId, Number, DisplayNumber, BusinessId)
{
    public override CallSignalKind Kind => CallSignalKind.ConnectionCleared;
}
