namespace AutoDialer.Core.Events;

/// <summary>The call was taken off hold (Udesk Retrieved).</summary>
internal sealed record RetrievedSignal(CallCenterEvent Source, string? CallId, string? Number, string? DisplayNumber, string? BusinessId)
    : CallEventSignal(Source, CallId, Number, DisplayNumber, BusinessId)
{
    public override CallSignalKind Kind => CallSignalKind.Retrieved;
}
