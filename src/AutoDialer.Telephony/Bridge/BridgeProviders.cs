namespace AutoDialer.Telephony.Bridge;

/// <summary>The <c>provider</c> names the bridge script is attached with and tokens carry.</summary>
internal static class BridgeProviders
{
    public const string Udesk = "udesk";
    public const string Meiqia = "meiqia";
}
