using System.ComponentModel.DataAnnotations;

namespace AutoDialer.Telephony.Udesk;

/// <summary>
/// One Udesk CCPaaS tenant, under <c>AutoDialer:Udesk</c>. The account is registered when <see cref="AppId"/> is set
/// together with a token source: <see cref="TokenUrl"/> (the tenant's back end) or <see cref="AppSecret"/> (the
/// built-in signer). <see cref="AppSecret"/> stays on the server.
/// </summary>
internal sealed class UdeskOptions : IValidatableObject
{
    public const string Section = "AutoDialer:Udesk";

    /// <summary>The default of <see cref="TokenTimeout"/>.</summary>
    public static readonly TimeSpan DefaultTokenTimeout = TimeSpan.FromSeconds(5);

    /// <summary>The name campaigns use for this account (<c>ProviderAccount</c>).</summary>
    public string AccountId { get; set; } = "udesk";

    /// <summary>租户身份标识, as given to <c>new UdeskCCPaasApiClass({ AppId })</c>.</summary>
    public string AppId { get; set; } = "";

    /// <summary>Signs tokens with the built-in signer (our assumption of the algorithm); unused when <see cref="TokenUrl"/> is set.</summary>
    public string AppSecret { get; set; } = "";

    /// <summary>
    /// The tenant's back end that already makes Udesk tokens, absolute http(s). When set, the token endpoint asks it
    /// (<c>GET {TokenUrl}?agentId=…</c>) and passes its answer on unchanged, instead of signing with <see cref="AppSecret"/>.
    /// </summary>
    public Uri? TokenUrl { get; set; }

    /// <summary>How long <see cref="TokenUrl"/> may take. <value>The default value is 5 seconds; 100 ms to 60 s.</value></summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan TokenTimeout { get; set; } = DefaultTokenTimeout;

    /// <summary>The SDK's WebSocket address, e.g. <c>wss://tower-xcc1.s4.udesk.cn:443/ws</c>; handed to the sample page.</summary>
    public string Domain { get; set; } = "";

    /// <summary>The SDK's HTTP address, e.g. <c>https://apigw-xcc1.s4.udesk.cn:443/backend</c>; handed to the sample page.</summary>
    public string HttpDomain { get; set; } = "";

    public bool IsConfigured => !string.IsNullOrWhiteSpace(AppId) && (TokenUrl is not null || !string.IsNullOrWhiteSpace(AppSecret));

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (TokenUrl is not null && (!TokenUrl.IsAbsoluteUri || (TokenUrl.Scheme != Uri.UriSchemeHttp && TokenUrl.Scheme != Uri.UriSchemeHttps)))
        {
            yield return new ValidationResult($"{Section}:{nameof(TokenUrl)} must be an absolute http(s) URL", [nameof(TokenUrl)]);
        }
    }

    /// <summary>The secret must never be printed, even by a debugger's or logger's ToString.</summary>
    public override string ToString() => $"Udesk {AccountId} (AppId {AppId})";
}
