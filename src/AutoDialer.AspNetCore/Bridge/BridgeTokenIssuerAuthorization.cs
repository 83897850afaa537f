using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;

namespace AutoDialer.AspNetCore.Bridge;

/// <summary>
/// Who may be issued bridge tokens (and, without a bridge token, vendor tokens): a local request (the peer is a
/// loopback address), or a caller presenting one of <c>AutoDialer:Auth:ApiKeys</c> in <c>X-Api-Key</c>. Kept in
/// this one class so that the host's real authentication can replace it.
/// </summary>
/// <remarks>Behind a reverse proxy on the same machine every request looks local: configure forwarded headers
/// in the host so that <see cref="ConnectionInfo.RemoteIpAddress"/> is the real client's.</remarks>
public sealed class BridgeTokenIssuerAuthorization
{
    public const string ApiKeyHeader = "X-Api-Key";
    public const string ApiKeysSetting = "AutoDialer:Auth:ApiKeys";

    private readonly byte[][] _keys;

    public BridgeTokenIssuerAuthorization(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        _keys = (configuration.GetSection(ApiKeysSetting).Get<string[]>() ?? [])
            .Where(k => !string.IsNullOrWhiteSpace(k))
            .Select(k => SHA256.HashData(Encoding.UTF8.GetBytes(k)))
            .ToArray();
    }

    public bool IsAuthorized(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return IsLocal(context) || HasApiKey(context);
    }

    public static bool IsLocal(HttpContext context) =>
        context.Connection.RemoteIpAddress is { } address && IPAddress.IsLoopback(address);

    private bool HasApiKey(HttpContext context)
    {
        if (_keys.Length == 0 || !context.Request.Headers.TryGetValue(ApiKeyHeader, out var presented) || presented.Count != 1)
        {
            return false;
        }

        // Hashing first makes the comparison fixed-length, so it leaks nothing about a key's length or prefix.
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(presented.ToString()));
        var match = false;
        foreach (var key in _keys)
        {
            match |= CryptographicOperations.FixedTimeEquals(hash, key);
        }

        return match;
    }
}
