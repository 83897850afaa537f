namespace AutoDialer.Telephony.Udesk;

/// <summary>
/// One Udesk CCPaaS tenant, under <c>AutoDialer:Udesk</c>. The account is registered when <see cref="AppId"/> and
/// <see cref="AppSecret"/> are set. <see cref="AppSecret"/> stays on the server: it signs the SDK tokens.
/// </summary>
public sealed class UdeskOptions
{
    public const string Section = "AutoDialer:Udesk";

    /// <summary>The name campaigns use for this account (<c>ProviderAccount</c>).</summary>
    public string AccountId { get; set; } = "udesk";

    /// <summary>租户身份标识, as given to <c>new UdeskCCPaasApiClass({ AppId })</c>.</summary>
    public string AppId { get; set; } = "";

    public string AppSecret { get; set; } = "";

    /// <summary>The SDK's WebSocket address, e.g. <c>wss://tower-xcc1.s4.udesk.cn:443/ws</c>; handed to the sample page.</summary>
    public string Domain { get; set; } = "";

    /// <summary>The SDK's HTTP address, e.g. <c>https://apigw-xcc1.s4.udesk.cn:443/backend</c>; handed to the sample page.</summary>
    public string HttpDomain { get; set; } = "";

    public bool IsConfigured => !string.IsNullOrWhiteSpace(AppId) && !string.IsNullOrWhiteSpace(AppSecret);

    /// <summary>The secret must never be printed, even by a debugger's or logger's ToString.</summary>
    public override string ToString() => $"Udesk {AccountId} (AppId {AppId})";
}
