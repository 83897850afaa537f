using System.Diagnostics;
using System.Text.Json;
using AutoDialer.Bridge.Tests.Support;
using AutoDialer.Core.StoredWords;
using AutoDialer.Core.Telephony;
using AutoDialer.Core.Telephony.Meiqia;
using AutoDialer.Telephony.Bridge;
using AutoDialer.Telephony.Meiqia;
using AutoDialer.Testing;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;

namespace AutoDialer.Bridge.Tests;

/// <summary>
/// The Meiqia Open API client against a stub server on 127.0.0.1 (WireMock.Net does not restore here; see
/// <see cref="StubOpenApi"/>): answers, 401, 5xx with retries and the breaker, malformed JSON, timeouts, and SDK
/// tokens refreshed at half their lifetime.
/// </summary>
public sealed class MeiqiaOpenApiTests : IAsyncLifetime
{
    private StubOpenApi _stub = null!;

    public async Task InitializeAsync() => _stub = await StubOpenApi.StartAsync();

    public async Task DisposeAsync() => await _stub.DisposeAsync();

    [Fact]
    public async Task Agent_list_is_read_with_the_bearer_access_token_bare_or_wrapped()
    {
        _stub.OnJson(MeiqiaOpenApiClient.AgentsPath, 200, """
            [{"ent_id":1,"agent_id":12123,"answer_way":"web","created_at":"","effective_at":"","expiration_at":"","out_number":"02161230001","real_name":"张三","register_status":"register","updated_at":"","worker_status":""},
             {"ent_id":1,"agent_id":12124,"real_name":"李四","register_status":"register","worker_status":"calling"},
             {"ent_id":1,"agent_id":12125,"real_name":"王五","register_status":"unregister","worker_status":""}]
            """);
        var agents = await Client().GetAgentsAsync(CancellationToken.None);

        Assert.Equal(["12123", "12124", "12125"], agents.Select(a => a.AgentId));
        Assert.Equal([AgentState.Idle, AgentState.Busy, AgentState.Offline], agents.Select(a => a.State));
        var request = Assert.Single(_stub.Requests);
        Assert.Equal(("GET", "Bearer " + StubOpenApi.AccessToken), (request.Method, request.Authorization));

        _stub.OnJson(MeiqiaOpenApiClient.AgentsPath, 200, """{"code":0,"data":[{"agent_id":"7","worker_status":"","register_status":"register"}]}""");
        Assert.Equal("7", Assert.Single(await Client().GetAgentsAsync(CancellationToken.None)).AgentId);
    }

    [Fact]
    public async Task Idle_agents_of_the_call_center_are_the_registered_ones_with_an_empty_worker_status()
    {
        _stub.OnJson(MeiqiaOpenApiClient.AgentsPath, 200, """
            [{"agent_id":1,"register_status":"register","worker_status":""},{"agent_id":2,"register_status":"register","worker_status":"busy"},
             {"agent_id":3,"register_status":"unregister","worker_status":""}]
            """);
        var center = CallCenter(Client(), new ManualTimeProvider());
        var idle = await center.GetOtherAgentsAsync(AgentStates.Idle, CancellationToken.None);
        Assert.Equal(["1"], idle.Data!.Select(a => a.AgentId));
        var all = await center.GetOtherAgentsAsync(null, CancellationToken.None);
        Assert.Equal(["idle", "busy", "offline"], all.Data!.Select(a => a.State));
    }

    [Fact]
    public async Task Unauthorized_is_a_clear_error_sent_once_and_then_held_back()
    {
        _stub.OnJson(MeiqiaOpenApiClient.AgentsPath, 401, """{"message":"invalid token"}""");
        _stub.OnJson(MeiqiaOpenApiClient.LoginPath, 401, """{"message":"invalid token"}""");
        var client = Client();

        var first = await Assert.ThrowsAsync<MeiqiaOpenApiException>(() => client.GetAgentsAsync(CancellationToken.None));
        Assert.Equal(MeiqiaOpenApiError.Unauthorized, first.Error);
        Assert.Contains("AutoDialer:Meiqia:AccessToken", first.Message, StringComparison.Ordinal);

        // No retry storm: neither this call nor the next ones (any agent's login) reach the server again.
        var again = await Assert.ThrowsAsync<MeiqiaOpenApiException>(() => client.LoginAsync("12123", CancellationToken.None));
        Assert.Equal(MeiqiaOpenApiError.Unauthorized, again.Error);
        Assert.Single(_stub.Requests);

        var center = CallCenter(client, new ManualTimeProvider());
        var result = await center.GetOtherAgentsAsync(AgentStates.Idle, CancellationToken.None);
        Assert.Equal(VendorCodes.OpenApiUnauthorized, result.Code);
        Assert.Single(_stub.Requests);
    }

    [Fact]
    public async Task Server_errors_are_retried_for_the_list_then_the_circuit_opens_and_nothing_more_is_sent()
    {
        _stub.OnJson(MeiqiaOpenApiClient.AgentsPath, 503, "{}");
        var client = Client(o => { o.Resilience.Retries = 2; o.Resilience.Breaker.MinimumThroughput = 4; o.Resilience.Breaker.FailureRatio = 0.5; });

        var first = await Assert.ThrowsAsync<MeiqiaOpenApiException>(() => client.GetAgentsAsync(CancellationToken.None));
        Assert.Equal(MeiqiaOpenApiError.Unavailable, first.Error);
        Assert.Equal(3, _stub.CountOf(MeiqiaOpenApiClient.AgentsPath));

        // The fourth failure reaches the breaker's minimum throughput and opens it; the retry stops there.
        var second = await Assert.ThrowsAsync<MeiqiaOpenApiException>(() => client.GetAgentsAsync(CancellationToken.None));
        Assert.Equal(MeiqiaOpenApiError.CircuitOpen, second.Error);
        Assert.Equal(4, _stub.CountOf(MeiqiaOpenApiClient.AgentsPath));

        var third = await Assert.ThrowsAsync<MeiqiaOpenApiException>(() => client.LoginAsync("12123", CancellationToken.None));
        Assert.Equal(MeiqiaOpenApiError.CircuitOpen, third.Error);
        Assert.Equal(4, _stub.Requests.Count);
    }

    [Fact]
    public async Task A_failed_login_that_reached_the_server_is_not_retried()
    {
        _stub.OnJson(MeiqiaOpenApiClient.LoginPath, 500, "{}");
        var error = await Assert.ThrowsAsync<MeiqiaOpenApiException>(() => Client().LoginAsync("12123", CancellationToken.None));
        Assert.Equal(MeiqiaOpenApiError.Unavailable, error.Error);
        Assert.Equal(1, _stub.CountOf(MeiqiaOpenApiClient.LoginPath));
    }

    [Fact]
    public async Task A_login_is_retried_when_the_connection_failed_before_sending()
    {
        // A port that was just free: nothing listens, so every connection is refused before a byte is sent.
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var attempts = 0;
        var options = Options(o => { o.BaseUrl = new Uri($"http://127.0.0.1:{port}"); o.Resilience.Retries = 2; });
        var resilience = new MeiqiaOpenApiResilience(options, TimeProvider.System);
        var client = new MeiqiaOpenApiClient(new HttpClient(new CountingHandler(() => attempts++)), options, resilience, TimeProvider.System, NullLogger<MeiqiaOpenApiClient>.Instance);

        var error = await Assert.ThrowsAsync<MeiqiaOpenApiException>(() => client.LoginAsync("12123", CancellationToken.None));
        Assert.Equal(MeiqiaOpenApiError.Unavailable, error.Error);
        Assert.Equal(3, attempts);
    }

    [Fact]
    public async Task Malformed_json_is_a_typed_error_and_not_retried()
    {
        _stub.OnJson(MeiqiaOpenApiClient.AgentsPath, 200, "{\"data\": [ {\"agent_id\": 1,");
        _stub.OnJson(MeiqiaOpenApiClient.LoginPath, 200, """{"data":{"NoToken":true}}""");
        var client = Client();
        Assert.Equal(MeiqiaOpenApiError.MalformedResponse, (await Assert.ThrowsAsync<MeiqiaOpenApiException>(() => client.GetAgentsAsync(CancellationToken.None))).Error);
        Assert.Equal(MeiqiaOpenApiError.MalformedResponse, (await Assert.ThrowsAsync<MeiqiaOpenApiException>(() => client.LoginAsync("1", CancellationToken.None))).Error);
        Assert.Equal(2, _stub.Requests.Count);
    }

    [Fact]
    public async Task A_slow_answer_hits_the_attempt_timeout_and_is_retried_for_the_list_only()
    {
        _stub.On(MeiqiaOpenApiClient.AgentsPath, Stall);
        _stub.On(MeiqiaOpenApiClient.LoginPath, Stall);
        // Attempts are counted as the client sends them: on a loaded machine a 200 ms attempt can end before the stub has
        // even seen its request (a fresh-clone run counted 0 logins at the stub).
        var sent = 0;
        var options = Options(o => { o.AttemptTimeout = TimeSpan.FromMilliseconds(200); o.Resilience.Retries = 1; });
        var client = new MeiqiaOpenApiClient(new HttpClient(new CountingHandler(() => Interlocked.Increment(ref sent))), options,
            new MeiqiaOpenApiResilience(options, TimeProvider.System), TimeProvider.System, NullLogger<MeiqiaOpenApiClient>.Instance);

        var clock = Stopwatch.StartNew();
        var list = await Assert.ThrowsAsync<MeiqiaOpenApiException>(() => client.GetAgentsAsync(CancellationToken.None));
        Assert.Equal(MeiqiaOpenApiError.Timeout, list.Error);
        Assert.Equal(2, Volatile.Read(ref sent));

        var login = await Assert.ThrowsAsync<MeiqiaOpenApiException>(() => client.LoginAsync("1", CancellationToken.None));
        Assert.Equal(MeiqiaOpenApiError.Timeout, login.Error);
        Assert.Equal(3, Volatile.Read(ref sent));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"timeouts took {clock.Elapsed}");
    }

    [Fact]
    public async Task Sdk_tokens_are_cached_until_half_their_lifetime_then_fetched_again()
    {
        var logins = 0;
        _stub.On(MeiqiaOpenApiClient.LoginPath, context =>
        {
            var n = Interlocked.Increment(ref logins);
            return Results.Json(new { Token = $"sdk-{n}", ExpireTime = "3600" }).ExecuteAsync(context);
        });
        var clock = new ManualTimeProvider();
        var client = Client(time: clock);
        var tokens = new MeiqiaSdkTokens(() => client, clock);

        var first = await tokens.GetAsync("12123", CancellationToken.None);
        Assert.Equal(("sdk-1", clock.GetUtcNow() + TimeSpan.FromHours(1)), (first.Token, first.ExpiresAt));
        clock.Advance(TimeSpan.FromMinutes(29));
        Assert.Equal("sdk-1", (await tokens.GetAsync("12123", CancellationToken.None)).Token);
        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal("sdk-2", (await tokens.GetAsync("12123", CancellationToken.None)).Token);
        Assert.Equal("sdk-3", (await tokens.RefreshAsync("12123", CancellationToken.None)).Token);
        Assert.Equal(3, logins);

        var together = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => tokens.GetAsync("999", CancellationToken.None)));
        Assert.Single(together.Select(t => t.Token).Distinct());
        Assert.Equal(4, logins);
    }

    [Fact]
    public async Task A_connected_agent_gets_a_new_token_pushed_at_half_life_and_after_unAuthorization()
    {
        var logins = 0;
        _stub.On(MeiqiaOpenApiClient.LoginPath, context =>
        {
            var n = Interlocked.Increment(ref logins);
            return Results.Json(new { Token = $"sdk-{n}", ExpireTime = "600" }).ExecuteAsync(context);
        });
        var clock = new ManualTimeProvider();
        var client = Client(time: clock);
        var center = CallCenter(client, clock);
        Assert.Equal("sdk-1", (await center.Tokens.GetAsync("12123", CancellationToken.None)).Token);

        var page = new FakeTransport();
        var session = center.Sessions.Connect("12123", page);
        clock.Advance(TimeSpan.FromMinutes(5));
        var pushed = await page.NextCommandAsync();
        Assert.Equal(MeiqiaMethodNames.RefreshToken, pushed.GetProperty("method").GetString());
        Assert.Equal("""[{"token":"sdk-2"}]""", pushed.GetProperty("args").GetRawText());
        session.CompleteCommand(pushed.GetProperty("id").GetString()!, BridgeReplyStatus.Resolved, default);

        Assert.Equal(BridgeEventVerdict.Accepted, await session.ReportAsync("12123", MeiqiaEventNames.UnAuthorization, clock.GetUtcNow(), default, seq: 1, CancellationToken.None));
        var afterExpiry = await page.NextCommandAsync();
        Assert.Equal("""[{"token":"sdk-3"}]""", afterExpiry.GetProperty("args").GetRawText());
        Assert.Equal(3, logins);
    }

    private static Task Stall(HttpContext context) => Task.Delay(Timeout.Infinite, context.RequestAborted);

    private MeiqiaOptions Options(Action<MeiqiaOptions>? configure = null)
    {
        var options = new MeiqiaOptions
        {
            BaseUrl = _stub.BaseUrl,
            AccessToken = StubOpenApi.AccessToken,
            AttemptTimeout = TimeSpan.FromSeconds(5),
            Resilience = { Retries = 2, RetryDelay = TimeSpan.FromMilliseconds(10) },
        };
        configure?.Invoke(options);
        return options;
    }

    private MeiqiaOpenApiClient Client(Action<MeiqiaOptions>? configure = null, TimeProvider? time = null)
    {
        var options = Options(configure);
        // Polly's delays and timeouts run on the real clock; the token lifetimes on the test's.
        return new MeiqiaOpenApiClient(new HttpClient(), options, new MeiqiaOpenApiResilience(options, TimeProvider.System), time ?? TimeProvider.System, NullLogger<MeiqiaOpenApiClient>.Instance);
    }

    private static MeiqiaCallCenter CallCenter(MeiqiaOpenApiClient client, TimeProvider clock) =>
        new(new MeiqiaOptions { AccountId = "meiqia-test", AccessToken = "x" }, new BridgeOptions(), () => client, new MeiqiaSdkTokens(() => client, clock), clock, NullLogger<MeiqiaCallCenter>.Instance);

    private sealed class CountingHandler(Action count) : DelegatingHandler(new SocketsHttpHandler())
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            count();
            return base.SendAsync(request, cancellationToken);
        }
    }
}
