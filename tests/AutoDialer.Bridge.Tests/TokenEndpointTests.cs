using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AutoDialer.AspNetCore.Access;
using AutoDialer.AspNetCore.Bridge;
using AutoDialer.Bridge.Tests.Support;
using AutoDialer.Telephony.Bridge;
using AutoDialer.Telephony.Udesk;
using AutoDialer.Testing;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AutoDialer.Bridge.Tests;

/// <summary>Bridge tokens and the Udesk/Meiqia token endpoints: who gets them, what they contain, what never leaks.</summary>
[Collection("postgres")]
public sealed class TokenEndpointTests(PostgresFixture postgres)
{
    /// <summary>Computed independently: <c>printf '%s' "$appId$ts" | openssl dgst -sha1 -hmac "$secret"</c>.</summary>
    [Theory]
    [InlineData("app-test-1", "1700000000", "udesk-secret-5b1e9c", "49b0d725eb5997b38174bc0050fab5a46891f038")]
    [InlineData("a1b2c3", "1741000000", "s3cr3t", "84e1ad0eda4cda7cdcb260a0969478160b0b3cba")]
    [InlineData("租户", "1600000000", "密钥", "8dd4ea2338a30bc584e29114b6e58e3c350d24a5")]
    public void Udesk_token_is_lowercase_hex_hmac_sha1_of_app_id_and_timestamp(string appId, string timestamp, string secret, string expected) =>
        Assert.Equal(expected, UdeskTokenSigner.Sign(secret, appId, timestamp));

    [Fact]
    public void Udesk_token_timestamp_is_unix_seconds_of_the_clock()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1700000000));
        var token = new UdeskTokenSigner(new UdeskOptions { AppId = "app-test-1", AppSecret = "udesk-secret-5b1e9c" }, clock).Issue();
        Assert.Equal(new UdeskToken("app-test-1", "1700000000", "49b0d725eb5997b38174bc0050fab5a46891f038"), token);
    }

    [Fact]
    public async Task Without_credentials_configured_the_udesk_token_endpoint_serves_local_and_bearer_callers_only_and_never_the_secret()
    {
        await using var host = await BridgeHost.StartAsync(postgres);
        using var http = host.CreateClient();

        var local = await http.GetAsync("/api/providers/udesk/token?agentId=1001");
        var body = await local.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, local.StatusCode);
        var json = JsonDocument.Parse(body).RootElement;
        Assert.Equal(["appId", "timestamp", "token"], json.EnumerateObject().Select(p => p.Name));
        Assert.Equal(BridgeHost.UdeskAppId, json.GetProperty("appId").GetString());
        var timestamp = long.Parse(json.GetProperty("timestamp").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - timestamp, 0, 60);
        Assert.Equal(UdeskTokenSigner.Sign(BridgeHost.UdeskAppSecret, BridgeHost.UdeskAppId, json.GetProperty("timestamp").GetString()!), json.GetProperty("token").GetString());
        Assert.Equal("no-store", local.Headers.CacheControl?.ToString());

        var remote = Remote("/api/providers/udesk/token?agentId=1001");
        var refused = await http.SendAsync(remote);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);

        var bridgeToken = await IssueAsync(http, "1001", BridgeHost.UdeskAccount);
        var withBearer = Remote("/api/providers/udesk/token?agentId=1001");
        withBearer.Headers.Authorization = new("Bearer", bridgeToken);
        var allowed = await http.SendAsync(withBearer);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);

        var otherAgent = Remote("/api/providers/udesk/token?agentId=1002");
        otherAgent.Headers.Authorization = new("Bearer", bridgeToken);
        Assert.Equal(HttpStatusCode.Forbidden, (await http.SendAsync(otherAgent)).StatusCode);

        // A local request with another agent's bridge token is judged by the token, not by being local.
        var localOtherAgent = new HttpRequestMessage(HttpMethod.Get, "/api/providers/udesk/token?agentId=1002");
        localOtherAgent.Headers.Authorization = new("Bearer", bridgeToken);
        Assert.Equal(HttpStatusCode.Forbidden, (await http.SendAsync(localOtherAgent)).StatusCode);

        var meiqiaToken = await IssueAsync(http, "1001", BridgeHost.MeiqiaAccount);
        var otherAccount = Remote("/api/providers/udesk/token?agentId=1001");
        otherAccount.Headers.Authorization = new("Bearer", meiqiaToken);
        Assert.Equal(HttpStatusCode.Forbidden, (await http.SendAsync(otherAccount)).StatusCode);

        foreach (var text in new[] { body, await refused.Content.ReadAsStringAsync(), await allowed.Content.ReadAsStringAsync(), host.Logs.AllText })
        {
            Assert.DoesNotContain(BridgeHost.UdeskAppSecret, text, StringComparison.Ordinal);
        }

        foreach (var page in new[] { "/samples/workbench-udesk.html", "/autodialer-bridge.js" })
        {
            Assert.DoesNotContain(BridgeHost.UdeskAppSecret, await http.GetStringAsync(page), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task With_a_token_url_the_tenants_answer_is_passed_on_unchanged_and_asked_with_the_agent_id()
    {
        await using var tenant = await StubOpenApi.StartAsync();
        const string answer = """{"appId":"tenant-app","timestamp":"1700000000","token":"made-by-the-tenant","note":"kept as sent"}""";
        string? askedFor = null;
        tenant.On("/udesk-token", async context =>
        {
            askedFor = context.Request.Query["agentId"];
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(answer);
        });
        await using var host = await BridgeHost.StartAsync(postgres, new Dictionary<string, string?> { ["AutoDialer:Udesk:TokenUrl"] = new Uri(tenant.BaseUrl, "/udesk-token?tenant=7").ToString() });
        using var http = host.CreateClient();

        var response = await http.GetAsync("/api/providers/udesk/token?agentId=1001");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(answer, await response.Content.ReadAsStringAsync());
        Assert.Equal("1001", askedFor);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
    }

    [Theory]
    [InlineData("slow", HttpStatusCode.GatewayTimeout, "did not answer within 0.3 s")]
    [InlineData("error", HttpStatusCode.BadGateway, "answered HTTP 500")]
    [InlineData("shape", HttpStatusCode.BadGateway, "answered without timestamp, token")]
    [InlineData("text", HttpStatusCode.BadGateway, "answered something that is not JSON")]
    public async Task A_token_url_that_fails_gives_the_page_a_clear_error(string behaviour, HttpStatusCode expected, string message)
    {
        await using var tenant = await StubOpenApi.StartAsync();
        tenant.On("/udesk-token", async context =>
        {
            switch (behaviour)
            {
                case "slow": await Task.Delay(Timeout.Infinite, tenant.Stopping); break; // answers only when the test ends
                case "error": context.Response.StatusCode = 500; break;
                case "shape": await context.Response.WriteAsync("""{"appId":"a","Token":"wrong case"}"""); break;
                default: await context.Response.WriteAsync("<html>login</html>"); break;
            }
        });
        await using var host = await BridgeHost.StartAsync(postgres, new Dictionary<string, string?>
        {
            ["AutoDialer:Udesk:TokenUrl"] = new Uri(tenant.BaseUrl, "/udesk-token").ToString(),
            ["AutoDialer:Udesk:TokenTimeout"] = "00:00:00.300",
        });
        using var http = host.CreateClient();

        var response = await http.GetAsync("/api/providers/udesk/token?agentId=1001");

        Assert.Equal(expected, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains(message, problem.GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.Contains(new Uri(tenant.BaseUrl, "/udesk-token").ToString(), problem.GetProperty("title").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_token_url_that_is_not_absolute_http_is_refused_at_startup()
    {
        var options = new UdeskOptions { AppId = "a", TokenUrl = new Uri("ftp://example.com/token") };
        var errors = new List<System.ComponentModel.DataAnnotations.ValidationResult>();
        Assert.False(System.ComponentModel.DataAnnotations.Validator.TryValidateObject(options, new(options), errors, validateAllProperties: true));
        Assert.Contains(errors, e => e.ErrorMessage!.Contains("TokenUrl must be an absolute http(s) URL", StringComparison.Ordinal));
        options = new UdeskOptions { AppId = "a", TokenTimeout = TimeSpan.FromMinutes(5) };
        Assert.False(System.ComponentModel.DataAnnotations.Validator.TryValidateObject(options, new(options), errors, validateAllProperties: true));
    }

    [Fact]
    public async Task Without_credentials_configured_bridge_tokens_go_to_local_callers_only()
    {
        await using var host = await BridgeHost.StartAsync(postgres);
        using var http = host.CreateClient();

        var local = await http.PostAsync($"/api/agents/1001/bridge-token?providerAccount={BridgeHost.UdeskAccount}", null);
        Assert.Equal(HttpStatusCode.OK, local.StatusCode);
        var grant = await local.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("1001", grant.GetProperty("agentId").GetString());
        Assert.Equal(BridgeProviders.Udesk, grant.GetProperty("provider").GetString());
        var validated = host.Services.GetRequiredService<BridgeTokens>().Validate(grant.GetProperty("token").GetString());
        Assert.Equal(("1001", BridgeHost.UdeskAccount, CredentialIds.Local), (validated?.AgentId, validated?.ProviderAccount, validated?.IssuedBy));

        Assert.Equal(HttpStatusCode.Forbidden, (await http.SendAsync(Remote($"/api/agents/1001/bridge-token?providerAccount={BridgeHost.UdeskAccount}", HttpMethod.Post))).StatusCode);

        // Two accounts here: which one must be said.
        Assert.Equal(HttpStatusCode.NotFound, (await http.PostAsync("/api/agents/1001/bridge-token", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.PostAsync("/api/agents/1001/bridge-token?providerAccount=nope", null)).StatusCode);
    }

    /// <summary>Before, a local request got bridge tokens without a key even with keys configured (the old loopback trust).</summary>
    [Fact]
    public async Task With_credentials_configured_bridge_tokens_go_to_a_configured_api_key_only_from_this_machine_too()
    {
        await using var host = await BridgeHost.StartAsync(postgres, new Dictionary<string, string?> { ["AutoDialer:Auth:ApiKeys:0"] = "key-one" });
        using var http = host.CreateClient();
        var url = $"/api/agents/1001/bridge-token?providerAccount={BridgeHost.UdeskAccount}";

        Assert.Equal(HttpStatusCode.Unauthorized, (await http.PostAsync(url, null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.SendAsync(Remote(url, HttpMethod.Post))).StatusCode);

        var wrongKey = Remote(url, HttpMethod.Post);
        wrongKey.Headers.Add(AutoDialerAccess.ApiKeyHeader, "key-two");
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.SendAsync(wrongKey)).StatusCode);

        var rightKey = Remote(url, HttpMethod.Post);
        rightKey.Headers.Add(AutoDialerAccess.ApiKeyHeader, "key-one");
        var granted = await http.SendAsync(rightKey);
        Assert.Equal(HttpStatusCode.OK, granted.StatusCode);
        var token = (await granted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString();
        Assert.Equal(CredentialIds.OfKey("api-key-1"), host.Services.GetRequiredService<BridgeTokens>().Validate(token)?.IssuedBy);
    }

    [Fact]
    public void Bridge_tokens_expire_and_cannot_be_altered_or_forged()
    {
        var clock = new ManualTimeProvider();
        var options = new BridgeOptions { SigningKey = Convert.ToBase64String(new byte[32]), TokenLifetime = TimeSpan.FromMinutes(5) };
        var credentials = new AccessCredentials(new CurrentOptions<AccessOptions>(new AccessOptions()));
        var tokens = new BridgeTokens(new BridgeSigningKey(options, NullLogger<BridgeSigningKey>.Instance), options, credentials, clock);
        var (token, grant) = tokens.Issue("1001", "udesk", CredentialIds.Local);
        Assert.Equal(grant, tokens.Validate(token));

        var payload = token[..token.IndexOf('.', StringComparison.Ordinal)];
        var forgedPayload = Convert.ToBase64String("""{"a":"1002","p":"udesk","exp":9999999999,"c":"local","s":"AAAAAAAAAAAAAAAAAAAAAA"}"""u8.ToArray()).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        Assert.Null(tokens.Validate(forgedPayload + token[payload.Length..]));
        Assert.Null(tokens.Validate(token[..^2] + (token[^2] == 'A' ? "BA" : "AA")));
        Assert.Null(tokens.Validate("garbage"));
        Assert.Null(tokens.Validate(""));

        var otherKey = new BridgeOptions { SigningKey = Convert.ToBase64String(Enumerable.Repeat((byte)7, 32).ToArray()) };
        Assert.Null(new BridgeTokens(new BridgeSigningKey(otherKey, NullLogger<BridgeSigningKey>.Instance), otherKey, credentials, clock).Validate(token));

        clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Null(tokens.Validate(token));
    }

    [Fact]
    public void A_bridge_token_is_good_only_while_its_credential_stands_unchanged_behind_it()
    {
        var clock = new ManualTimeProvider();
        var options = new BridgeOptions { SigningKey = Convert.ToBase64String(new byte[32]) };
        var access = new CurrentOptions<AccessOptions>(new AccessOptions());
        var tokens = new BridgeTokens(new BridgeSigningKey(options, NullLogger<BridgeSigningKey>.Instance), options, new AccessCredentials(access), clock);
        var (local, _) = tokens.Issue("1001", "udesk", CredentialIds.Local);

        // Credentials configured: what being local minted is void; a key's tokens hold while the key does.
        access.CurrentValue = Configured(new ApiKeyCredential { Name = "crm", Key = "crm-key", Agents = ["1001"] });
        Assert.Null(tokens.Validate(local));
        var (byCrm, _) = tokens.Issue("1001", "udesk", CredentialIds.OfKey("crm"));
        Assert.Equal("1001", tokens.Validate(byCrm)?.AgentId);
        Assert.Throws<InvalidOperationException>(() => tokens.Issue("1001", "udesk", CredentialIds.OfKey("nobody")));

        access.CurrentValue = Configured(new ApiKeyCredential { Name = "crm", Key = "crm-key-rotated", Agents = ["1001"] });
        Assert.Null(tokens.Validate(byCrm));
        (byCrm, _) = tokens.Issue("1001", "udesk", CredentialIds.OfKey("crm"));
        access.CurrentValue = Configured(new ApiKeyCredential { Name = "crm", Key = "crm-key-rotated", Agents = ["1002"] });
        Assert.Null(tokens.Validate(byCrm));
        access.CurrentValue = Configured(new ApiKeyCredential { Name = "other", Key = "crm-key-rotated" });
        Assert.Null(tokens.Validate(byCrm));

        var user = new DashboardUser { Name = "ops", PasswordHash = DashboardPasswords.Hash("first") };
        access.CurrentValue = new AccessOptions { Users = [user] };
        var (byUser, _) = tokens.Issue("1001", "udesk", CredentialIds.OfUser("ops"));
        Assert.Equal("1001", tokens.Validate(byUser)?.AgentId);
        access.CurrentValue = new AccessOptions { Users = [new DashboardUser { Name = "ops", PasswordHash = DashboardPasswords.Hash("second") }] };
        Assert.Null(tokens.Validate(byUser));
    }

    private static AccessOptions Configured(ApiKeyCredential key) => new() { ApiKeys = [key] };

    [Fact]
    public void Without_a_signing_key_a_random_one_is_used_with_a_warning()
    {
        var logs = new LogRecorder();
        using var factory = Microsoft.Extensions.Logging.LoggerFactory.Create(b => b.AddProvider(logs));
        var key = new BridgeSigningKey(new BridgeOptions(), factory.CreateLogger<BridgeSigningKey>());
        Assert.Equal(BridgeSigningKey.MinimumBytes, key.Bytes.Length);
        Assert.Contains(logs.Lines, l => l.Level == Microsoft.Extensions.Logging.LogLevel.Warning && l.Text.Contains("do not survive a restart", StringComparison.Ordinal));
        Assert.Throws<InvalidOperationException>(() => new BridgeSigningKey(new BridgeOptions { SigningKey = Convert.ToBase64String(new byte[8]) }, NullLogger<BridgeSigningKey>.Instance));
    }

    private static async Task<string> IssueAsync(HttpClient http, string agentId, string account)
    {
        var response = await http.PostAsync($"/api/agents/{agentId}/bridge-token?providerAccount={account}", null);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
    }

    private static HttpRequestMessage Remote(string url, HttpMethod? method = null)
    {
        var request = new HttpRequestMessage(method ?? HttpMethod.Get, url);
        request.Headers.Add(BridgeHost.RemoteIpHeader, "203.0.113.9");
        return request;
    }
}
