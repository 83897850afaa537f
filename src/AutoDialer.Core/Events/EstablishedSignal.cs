namespace AutoDialer.Core.Events;

/// <summary>The customer answered (Udesk Established, Meiqia answer).</summary>
internal sealed record EstablishedSignal(CallCenterEvent Source, string? CallId, string? Number, string? DisplayNumber, string? BusinessId)
    : CallEventSignal(Source, CallId, Number, DisplayNumber, BusinessId)
{
    public override CallSignalKind Kind => CallSignalKind.Established;
}
