namespace AutoDialer.Telephony.Bridge;

/// <summary>A provider account whose agents connect through the bridge (registered next to its <c>ICallCenter</c>).</summary>
internal interface IBridgeAccount
{
    BridgeSessions Sessions { get; }
}
