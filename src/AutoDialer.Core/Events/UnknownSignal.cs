namespace AutoDialer.Core.Events;

/// <summary>An event that means nothing for dialing (or is not understood); <c>Source.Name</c> says which.</summary>
internal sealed record UnknownSignal(CallCenterEvent Source) : CallSignal(Source)
{
    public override CallSignalKind Kind => CallSignalKind.Unknown;
}
