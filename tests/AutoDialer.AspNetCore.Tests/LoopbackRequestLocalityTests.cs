using System.Net;
using AutoDialer.AspNetCore.Access;
using Microsoft.AspNetCore.Http;

namespace AutoDialer.AspNetCore.Tests;

public sealed class LoopbackRequestLocalityTests
{
    [Theory]
    [InlineData("127.0.0.1", true)]
    [InlineData("127.8.9.10", true)]
    [InlineData("::1", true)]
    [InlineData("::ffff:127.0.0.1", true)]
    [InlineData("10.1.2.3", false)]
    [InlineData("192.168.1.20", false)]
    [InlineData("::ffff:10.1.2.3", false)]
    [InlineData(null, false)]
    public void Only_a_loopback_peer_is_local(string? peer, bool local)
    {
        var context = new DefaultHttpContext();
        context.Connection.RemoteIpAddress = peer is null ? null : IPAddress.Parse(peer);
        Assert.Equal(local, new LoopbackRequestLocality().IsLocal(context));
    }
}
