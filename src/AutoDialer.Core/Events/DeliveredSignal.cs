namespace AutoDialer.Core.Events;

/// <summary>The customer's phone is alerting (Udesk Delivered, Meiqia incomingCall).</summary>
internal sealed record DeliveredSignal(CallCenterEvent Source, string? CallId, string? Number, string? DisplayNumber, string? BusinessId)
    : CallEventSignal(Source, CallId, Number, DisplayNumber, BusinessId)
{
    public override CallSignalKind Kind => CallSignalKind.Delivered;
}
