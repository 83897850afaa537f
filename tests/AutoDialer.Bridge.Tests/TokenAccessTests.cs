using System.Net;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using AutoDialer.AspNetCore.Bridge;
using AutoDialer.Bridge.Tests.Support;
using AutoDialer.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AutoDialer.Bridge.Tests;

/// <summary>
/// With <c>AutoDialer:Auth</c> configured, who gets which agent's tokens: an API key scoped to agents mints bridge and
/// vendor tokens for those agents only; a vendor token needs the bridge token of that very agent and account; a bridge
/// token lives only as long as the credential that minted it. Being on this machine earns nothing.
/// </summary>
[Collection("postgres")]
public sealed class TokenAccessTests(PostgresFixture postgres)
{
    private const string CrmKey = "crm-key-31f0a9";
    private const string AdminKey = "admin-key-8e2d4b";

    private static Dictionary<string, string?> Keys() => new()
    {
        // Today's plain form: an unscoped admin key.
        ["AutoDialer:Auth:ApiKeys:0"] = AdminKey,
        // The object form: a key for the CRM, allowed to act for agent 1001 only.
        ["AutoDialer:Auth:ApiKeys:1:Name"] = "crm",
        ["AutoDialer:Auth:ApiKeys:1:Key"] = CrmKey,
        ["AutoDialer:Auth:ApiKeys:1:Role"] = "operator",
        ["AutoDialer:Auth:ApiKeys:1:Agents:0"] = "1001",
    };

    [Fact]
    public async Task A_scoped_key_mints_tokens_for_its_agents_only_and_a_vendor_token_needs_that_agents_bridge_token()
    {
        await using var host = await BridgeHost.StartAsync(postgres, Keys());
        using var http = host.CreateClient();

        // This machine, no credentials: nothing.
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(http, HttpMethod.Post, $"/api/agents/1001/bridge-token?providerAccount={BridgeHost.UdeskAccount}"));
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(http, HttpMethod.Get, "/api/providers/udesk/token?agentId=1001"));
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(http, HttpMethod.Get, "/api/providers/meiqia/token?agentId=1001"));

        // The CRM's key: agent 1001, not 1002.
        var forAgent = await MintAsync(http, "1001", BridgeHost.UdeskAccount, CrmKey);
        Assert.Equal(HttpStatusCode.Forbidden, await StatusAsync(http, HttpMethod.Post, $"/api/agents/1002/bridge-token?providerAccount={BridgeHost.UdeskAccount}", apiKey: CrmKey));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(http, HttpMethod.Get, "/api/providers/udesk/token?agentId=1001", apiKey: CrmKey));
        Assert.Equal(HttpStatusCode.Forbidden, await StatusAsync(http, HttpMethod.Get, "/api/providers/udesk/token?agentId=1002", apiKey: CrmKey));
        Assert.Equal(HttpStatusCode.Forbidden, await StatusAsync(http, HttpMethod.Get, "/api/providers/meiqia/token?agentId=1002", apiKey: CrmKey));

        // The unscoped key: any agent.
        await MintAsync(http, "1002", BridgeHost.MeiqiaAccount, AdminKey);
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(http, HttpMethod.Get, "/api/providers/meiqia/token?agentId=1002", apiKey: AdminKey));

        // A bridge token: the vendor token of its own agent and account, nothing else.
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(http, HttpMethod.Get, "/api/providers/udesk/token?agentId=1001", bearer: forAgent));
        Assert.Equal(HttpStatusCode.Forbidden, await StatusAsync(http, HttpMethod.Get, "/api/providers/udesk/token?agentId=1002", bearer: forAgent));
        Assert.Equal(HttpStatusCode.Forbidden, await StatusAsync(http, HttpMethod.Get, "/api/providers/meiqia/token?agentId=1001", bearer: forAgent));
        Assert.Equal(HttpStatusCode.Forbidden, await StatusAsync(http, HttpMethod.Post, $"/api/agents/1001/bridge-token?providerAccount={BridgeHost.UdeskAccount}", bearer: forAgent));
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(http, HttpMethod.Get, "/api/providers/udesk/token?agentId=1001", bearer: forAgent[..^3] + "AAA"));
    }

    [Fact]
    public async Task A_bridge_token_stops_working_once_the_key_that_minted_it_is_changed_or_removed()
    {
        var settings = Keys();
        await using var host = await BridgeHost.StartAsync(postgres, settings);
        using var http = host.CreateClient();
        var byCrm = await MintAsync(http, "1001", BridgeHost.UdeskAccount, CrmKey);
        var byAdmin = await MintAsync(http, "1001", BridgeHost.UdeskAccount, AdminKey);
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(http, HttpMethod.Get, "/api/providers/udesk/token?agentId=1001", bearer: byCrm));
        Assert.Equal("welcome", await HelloAsync(host, byCrm));

        // The CRM's key is rotated in the configuration (as on every node after a deploy).
        var configuration = (IConfigurationRoot)host.Services.GetRequiredService<IConfiguration>();
        configuration["AutoDialer:Auth:ApiKeys:1:Key"] = "crm-key-rotated-77aa10";
        configuration.Reload();

        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(http, HttpMethod.Get, "/api/providers/udesk/token?agentId=1001", bearer: byCrm));
        Assert.Equal("closed 4003", await HelloAsync(host, byCrm));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(http, HttpMethod.Get, "/api/providers/udesk/token?agentId=1001", bearer: byAdmin));

        // The CRM's scope loses agent 1001: its new tokens for 1001 are refused at once, as is the key.
        var rotated = await MintAsync(http, "1001", BridgeHost.UdeskAccount, "crm-key-rotated-77aa10");
        configuration["AutoDialer:Auth:ApiKeys:1:Agents:0"] = "1003";
        configuration.Reload();
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(http, HttpMethod.Get, "/api/providers/udesk/token?agentId=1001", bearer: rotated));
        Assert.Equal(HttpStatusCode.Forbidden, await StatusAsync(http, HttpMethod.Post, $"/api/agents/1001/bridge-token?providerAccount={BridgeHost.UdeskAccount}", apiKey: "crm-key-rotated-77aa10"));
    }

    private static async Task<HttpStatusCode> StatusAsync(HttpClient http, HttpMethod method, string url, string? apiKey = null, string? bearer = null)
    {
        using var request = new HttpRequestMessage(method, url);
        if (apiKey is not null) request.Headers.Add("X-Api-Key", apiKey);
        if (bearer is not null) request.Headers.Authorization = new("Bearer", bearer);
        using var response = await http.SendAsync(request);
        return response.StatusCode;
    }

    private static async Task<string> MintAsync(HttpClient http, string agentId, string account, string apiKey)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/agents/{agentId}/bridge-token?providerAccount={account}");
        request.Headers.Add("X-Api-Key", apiKey);
        using var response = await http.SendAsync(request);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"minting for {agentId} at {account}: {(int)response.StatusCode}");
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
    }

    /// <summary>The socket's first answer to a hello with this token: "welcome", or "closed NNNN".</summary>
    private static async Task<string> HelloAsync(BridgeHost host, string token)
    {
        using var socket = new ClientWebSocket();
        var url = host.Url(BridgeEndpointRouteBuilderExtensions.SocketPath).ToString().Replace("http", "ws", StringComparison.Ordinal);
        await socket.ConnectAsync(new Uri(url), CancellationToken.None);
        await socket.SendAsync(JsonSerializer.SerializeToUtf8Bytes(new { type = "hello", token, provider = "udesk", agentId = "1001" }),
            WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);
        var buffer = new byte[1 << 16];
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var received = await socket.ReceiveAsync(buffer, limit.Token);
        if (received.MessageType == WebSocketMessageType.Close) return $"closed {(int?)socket.CloseStatus}";
        using var message = JsonDocument.Parse(Encoding.UTF8.GetString(buffer, 0, received.Count));
        return message.RootElement.GetProperty("type").GetString()!;
    }
}
