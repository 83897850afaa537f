using System.Net;
using AutoDialer.Testing;

namespace AutoDialer.AspNetCore.Tests;

/// <summary>
/// Forwarded headers, opt-in: only a configured proxy's X-Forwarded-For is believed. In the local-only mode (no
/// <c>AutoDialer:Auth</c>) that decides whether a request is local.
/// </summary>
[Collection("postgres")]
public sealed class ForwardedHeadersTests(PostgresFixture postgres)
{
    [Fact]
    public async Task A_known_proxy_forwards_the_client_address_and_an_unknown_peer_changes_nothing()
    {
        // The proxy on this machine is known: the client it names is the peer, and that client is not local.
        await using (var behindProxy = await ApiServer.StartAsync(postgres, new Dictionary<string, string?> { ["AutoDialer:ForwardedHeaders:KnownProxies:0"] = "127.0.0.1" }))
        {
            Assert.Equal(HttpStatusCode.Forbidden, await StatusAsync(behindProxy, "203.0.113.9"));
            Assert.Equal(HttpStatusCode.OK, await StatusAsync(behindProxy, forwardedFor: null));
        }

        // Only another address is a known proxy: a loopback peer's X-Forwarded-For is ignored, as with no setting at all.
        await using (var otherProxy = await ApiServer.StartAsync(postgres, new Dictionary<string, string?> { ["AutoDialer:ForwardedHeaders:KnownNetworks:0"] = "10.20.0.0/16" }))
            Assert.Equal(HttpStatusCode.OK, await StatusAsync(otherProxy, "203.0.113.9"));
        await using (var noProxy = await ApiServer.StartAsync(postgres))
            Assert.Equal(HttpStatusCode.OK, await StatusAsync(noProxy, "203.0.113.9"));
    }

    private static async Task<HttpStatusCode> StatusAsync(ApiServer server, string? forwardedFor)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/campaigns");
        if (forwardedFor is not null) request.Headers.Add("X-Forwarded-For", forwardedFor);
        using var response = await server.Client.SendAsync(request);
        return response.StatusCode;
    }
}
