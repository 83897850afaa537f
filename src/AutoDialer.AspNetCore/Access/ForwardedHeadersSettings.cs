using System.ComponentModel.DataAnnotations;
using System.Net;

namespace AutoDialer.AspNetCore.Access;

/// <summary>
/// <c>AutoDialer:ForwardedHeaders</c>: the reverse proxies whose <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> are
/// believed, as ASP.NET Core's forwarded headers middleware documents it. Off unless a proxy or network is listed (ASP.NET
/// Core's own default of trusting loopback proxies is not taken): then the peer address is the client the proxy names, and a
/// request from any other peer keeps its own address whatever headers it sends. The client address decides what is local
/// (no credentials configured) and partitions the sign-in rate limit.
/// </summary>
internal sealed class ForwardedHeadersSettings : IValidatableObject
{
    public const string Section = "AutoDialer:ForwardedHeaders";

    /// <summary>Addresses of the proxies, e.g. <c>127.0.0.1</c> for a proxy on this machine.</summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>Networks of the proxies in CIDR notation, e.g. <c>10.0.0.0/8</c>.</summary>
    public List<string> KnownNetworks { get; set; } = [];

    /// <summary>How many proxies in a row may add to <c>X-Forwarded-For</c>. The default value is 1; 1 to 10.</summary>
    [Range(1, 10, ErrorMessage = "AutoDialer:ForwardedHeaders:ForwardLimit must be between {1} and {2}")]
    public int ForwardLimit { get; set; } = 1;

    public bool IsConfigured => KnownProxies.Count > 0 || KnownNetworks.Count > 0;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        for (var i = 0; i < KnownProxies.Count; i++)
        {
            if (!IPAddress.TryParse(KnownProxies[i], out _))
                yield return new ValidationResult($"{Section}:KnownProxies:{i} ('{KnownProxies[i]}') is not an IP address", [nameof(KnownProxies)]);
        }
        for (var i = 0; i < KnownNetworks.Count; i++)
        {
            if (!IPNetwork.TryParse(KnownNetworks[i], out _))
                yield return new ValidationResult($"{Section}:KnownNetworks:{i} ('{KnownNetworks[i]}') is not a network in CIDR notation (10.0.0.0/8)", [nameof(KnownNetworks)]);
        }
    }
}
