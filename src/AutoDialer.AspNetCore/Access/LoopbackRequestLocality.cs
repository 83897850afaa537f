using System.Net;
using Microsoft.AspNetCore.Http;

namespace AutoDialer.AspNetCore.Access;

/// <summary>
/// Local means the peer address is a loopback address; it matters only while no credentials are configured. Behind a
/// reverse proxy on the same machine every request looks local: configure <c>AutoDialer:Auth</c> there, or list the proxy
/// in <c>AutoDialer:ForwardedHeaders</c> so that the peer is the client it forwards for.
/// </summary>
internal sealed class LoopbackRequestLocality : IRequestLocality
{
    public bool IsLocal(HttpContext context) =>
        context.Connection.RemoteIpAddress is { } address && IPAddress.IsLoopback(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address);
}
