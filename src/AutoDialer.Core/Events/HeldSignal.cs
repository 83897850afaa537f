namespace AutoDialer.Core.Events;

/// <summary>The call was put on hold (Udesk Held).</summary>
internal sealed record HeldSignal(CallCenterEvent Source, string? CallId, string? Number, string? DisplayNumber, string? BusinessId)
    : CallEventSignal(Source, CallId, Number, DisplayNumber, BusinessId)
{
    public override CallSignalKind Kind => CallSignalKind.Held;
}
