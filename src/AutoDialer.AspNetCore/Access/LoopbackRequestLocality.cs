using System.Net;
using Microsoft.AspNetCore.Http;

namespace AutoDialer.AspNetCore.Access;

/// <summary>
/// Local means the peer address is a loopback address. Behind a reverse proxy on the same machine every request
/// looks local: configure <c>AutoDialer:Auth</c> there (or forwarded headers, so the peer is the real client).
/// </summary>
public sealed class LoopbackRequestLocality : IRequestLocality
{
    public bool IsLocal(HttpContext context) =>
        context.Connection.RemoteIpAddress is { } address && IPAddress.IsLoopback(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address);
}
