using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using AutoDialer.Testing;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace AutoDialer.AspNetCore.Tests;

/// <summary>
/// With <c>AutoDialer:Auth</c> configured, being on this machine earns nothing: every operation of the OpenAPI document
/// (so a new endpoint cannot be forgotten), every other route the application maps, the bridge's token endpoints and
/// its socket refuse a loopback caller without credentials, also one whose X-Forwarded-For a trusted proxy on this
/// machine vouches for (the usual reverse proxy on the same host).
/// </summary>
[Collection("postgres")]
public sealed partial class EveryEndpointAccessTests(PostgresFixture postgres)
{
    internal const string Key = "walk-key-7c1e";

    /// <summary>Served to anyone by design: the sign-in form and sign-out, the sign-in page's stylesheet and script, the page
    /// script and sample pages (no secret in them), the bridge socket, whose caller proves itself with a bridge token in
    /// its first message (walked below), and the load balancer's probes (up or down, no detail; walked below).</summary>
    private static readonly HashSet<string> Anonymous =
        ["/login", "/logout", "/assets/app.css", "/assets/login.js", "/autodialer-bridge.js", "/samples/{file}", "/autodialer/bridge",
         "/healthz/live", "/healthz/ready"];

    internal static Dictionary<string, string?> AuthAndVendors() => new()
    {
        ["AutoDialer:Auth:ApiKeys:0"] = Key,
        ["AutoDialer:Auth:Users:0:Name"] = "ops",
        ["AutoDialer:Auth:Users:0:PasswordHash"] = AutoDialer.AspNetCore.Access.DashboardPasswords.Hash("walk password"),
        ["AutoDialer:Bridge:SigningKey"] = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray()),
        ["AutoDialer:Udesk:AccountId"] = "udesk",
        ["AutoDialer:Udesk:AppId"] = "app-walk",
        ["AutoDialer:Udesk:AppSecret"] = "udesk-secret-walk",
        ["AutoDialer:Udesk:Domain"] = "wss://udesk.invalid/ws",
        ["AutoDialer:Udesk:HttpDomain"] = "https://udesk.invalid/backend",
        ["AutoDialer:Meiqia:AccountId"] = "meiqia",
        ["AutoDialer:Meiqia:AccessToken"] = "meiqia-walk-token",
        // Nothing listens there: a token must be refused before the Open API is asked.
        ["AutoDialer:Meiqia:BaseUrl"] = "http://127.0.0.1:9/",
        // The harshest case: a reverse proxy on this machine whose X-Forwarded-For is believed.
        ["AutoDialer:ForwardedHeaders:KnownProxies:0"] = "127.0.0.1",
    };

    [Fact]
    public async Task With_auth_configured_no_operation_route_token_endpoint_or_socket_serves_a_loopback_caller_without_credentials()
    {
        await using var server = await ApiServer.StartAsync(postgres, AuthAndVendors());
        var requests = new List<(string Method, string Path, string? ContentType)>();

        using (var documentRequest = new HttpRequestMessage(HttpMethod.Get, "openapi/v1.json") { Headers = { { "X-Api-Key", Key } } })
        using (var documentResponse = await server.Client.SendAsync(documentRequest))
        {
            var document = await ApiServer.ReadAsync(documentResponse, HttpStatusCode.OK);
            foreach (var path in document.GetProperty("paths").EnumerateObject())
            {
                foreach (var operation in path.Value.EnumerateObject().Where(o => HttpMethodNames.Contains(o.Name)))
                {
                    var body = operation.Value.TryGetProperty("requestBody", out var described)
                        ? described.GetProperty("content").EnumerateObject().First().Name
                        : null;
                    requests.Add((operation.Name.ToUpperInvariant(), Filled(path.Name), body));
                }
            }
        }
        Assert.Contains(("GET", "/api/campaigns", null), requests);
        Assert.True(requests.Count > 30, $"the OpenAPI document lists only {requests.Count} operations");

        requests.Add(("GET", "/openapi/v1.json", null));
        requests.Add(("POST", "/api/agents/1001/bridge-token?providerAccount=udesk", null));
        requests.Add(("POST", "/api/agents/1001/bridge-token?providerAccount=meiqia", null));
        requests.Add(("GET", "/api/providers/udesk/token?agentId=1001", null));
        requests.Add(("GET", "/api/providers/meiqia/token?agentId=1001", null));

        // Every route the application maps, also those the document does not describe (pages, the Hangfire Dashboard).
        var routes = server.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToArray();
        Assert.Contains(routes, r => r.RoutePattern.RawText == "/api/providers/meiqia/token");
        foreach (var route in routes.Where(r => !Anonymous.Contains(r.RoutePattern.RawText ?? "")))
        {
            foreach (var method in route.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                requests.Add((method, Filled(route.RoutePattern.RawText!), route.Metadata.GetMetadata<IAcceptsMetadata>()?.ContentTypes.FirstOrDefault()));
        }

        // Redirects are answers here: a page request sent to the sign-in form is a refusal.
        using var anonymous = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = server.Address };
        var served = new List<string>();
        foreach (var (method, path, contentType) in requests.DistinctBy(r => (r.Method, r.Path)))
        {
            foreach (var forwardedFor in new[] { null, "127.0.0.1" })
            {
                using var request = new HttpRequestMessage(new HttpMethod(method), path.TrimStart('/'));
                if (forwardedFor is not null) request.Headers.Add("X-Forwarded-For", forwardedFor);
                // A body of the kind the operation takes, so that the answer is about access, not about the body.
                if (method is "POST" or "PUT" or "PATCH")
                    request.Content = contentType == "multipart/form-data" ? ApiServer.FileForm("phone\n"u8.ToArray(), "list.csv") : ApiServer.RawJson("{}");
                using var response = await anonymous.SendAsync(request);
                if (!Refused(response))
                    served.Add($"{method} {path}{(forwardedFor is null ? "" : " (X-Forwarded-For " + forwardedFor + ")")}: {(int)response.StatusCode}");
            }
        }
        Assert.True(served.Count == 0, "served without credentials:\n" + string.Join('\n', served));

        // The probes answer anyone, with a status and each check's status only (an error message can name the database server).
        foreach (var probe in new[] { "healthz/live", "healthz/ready" })
        {
            using var response = await anonymous.GetAsync(probe);
            Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.ServiceUnavailable, $"{probe}: {(int)response.StatusCode}");
            var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            Assert.Equal(["status", "checks"], body.EnumerateObject().Select(p => p.Name));
            Assert.All(body.GetProperty("checks").EnumerateObject(), c => Assert.Equal(JsonValueKind.String, c.Value.ValueKind));
        }

        Assert.Equal(4003, await HelloAsync(server.Address, token: null));
        Assert.Equal(4003, await HelloAsync(server.Address, token: "eyJhIjoiMTAwMSJ9.Zm9yZ2Vk"));
    }

    /// <summary>
    /// The sample workbench pages the dialer serves ask its own token endpoint: with credentials configured, that works for a
    /// browser signed in to the dashboard, and the bridge token it gets serves its agent's vendor token.
    /// </summary>
    [Fact]
    public async Task A_browser_signed_in_to_the_dashboard_gets_bridge_tokens_and_with_them_vendor_tokens()
    {
        await using var server = await ApiServer.StartAsync(postgres, AuthAndVendors());
        using var browser = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = server.Address };
        var form = await browser.GetStringAsync("login");
        using (var signIn = await browser.PostAsync("login", new FormUrlEncodedContent(new Dictionary<string, string>
               { ["__RequestVerificationToken"] = FormToken().Match(form).Groups[1].Value, ["user"] = "ops", ["password"] = "walk password" })))
            Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);

        using var mint = new HttpRequestMessage(HttpMethod.Post, "api/agents/1001/bridge-token?providerAccount=udesk");
        mint.Headers.Add("Origin", server.Address.GetLeftPart(UriPartial.Authority));
        using var minted = await browser.SendAsync(mint);
        var token = (await ApiServer.ReadAsync(minted, HttpStatusCode.OK)).GetProperty("token").GetString();

        using var anonymous = new HttpClient { BaseAddress = server.Address };
        using var vendor = new HttpRequestMessage(HttpMethod.Get, "api/providers/udesk/token?agentId=1001") { Headers = { Authorization = new("Bearer", token) } };
        using var answered = await anonymous.SendAsync(vendor);
        Assert.Equal("app-walk", (await ApiServer.ReadAsync(answered, HttpStatusCode.OK)).GetProperty("appId").GetString());
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex FormToken();

    /// <summary>A refusal: 401 or 403, or a page request sent to the sign-in form.</summary>
    private static bool Refused(HttpResponseMessage response) =>
        response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden
        || (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location?.OriginalString.StartsWith("/login", StringComparison.Ordinal) == true);

    /// <summary>The bridge socket's answer to a hello: the close status it ends the connection with.</summary>
    internal static async Task<int?> HelloAsync(Uri server, string? token)
    {
        using var socket = new ClientWebSocket();
        await socket.ConnectAsync(new Uri($"ws://{server.Authority}/autodialer/bridge"), CancellationToken.None);
        var hello = JsonSerializer.SerializeToUtf8Bytes(new { type = "hello", token, provider = "udesk", agentId = "1001" });
        await socket.SendAsync(hello, WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);
        var buffer = new byte[4096];
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (true)
        {
            var received = await socket.ReceiveAsync(buffer, limit.Token);
            if (received.MessageType == WebSocketMessageType.Close) return (int?)socket.CloseStatus;
            Assert.Fail("the socket answered a hello without a valid token: " + Encoding.UTF8.GetString(buffer, 0, received.Count));
        }
    }

    private static readonly HashSet<string> HttpMethodNames = ["get", "put", "post", "delete", "patch", "head", "options"];

    /// <summary>A path template with every parameter given a value (<c>{id}</c> → 1, <c>{**path}</c> → 1).</summary>
    private static string Filled(string template) => Parameter().Replace(template.StartsWith('/') ? template : "/" + template, "1");

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex Parameter();
}
