namespace AutoDialer.Core.Events;

/// <summary>The provider refused the number as blacklisted (Meiqia blackList); the number belongs on the do-not-call list.</summary>
internal sealed record BlacklistedSignal(CallCenterEvent Source, string? CallId, string? Number, string? DisplayNumber, string? BusinessId)
    : CallEventSignal(Source, CallId, Number, DisplayNumber, BusinessId)
{
    public override CallSignalKind Kind => CallSignalKind.Blacklisted;
}
