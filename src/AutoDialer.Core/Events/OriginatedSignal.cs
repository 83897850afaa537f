namespace AutoDialer.Core.Events;

/// <summary>The call was placed and is ringing out (Udesk Originated, Meiqia calling).</summary>
internal sealed record OriginatedSignal(CallCenterEvent Source, string? CallId, string? Number, string? DisplayNumber, string? BusinessId)
    : CallEventSignal(Source, CallId, Number, DisplayNumber, BusinessId)
{
    public override CallSignalKind Kind => CallSignalKind.Originated;
}
