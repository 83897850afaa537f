using System.Net;
using System.Text.RegularExpressions;
using AutoDialer.AspNetCore.Access;
using AutoDialer.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace AutoDialer.AspNetCore.Tests;

[Collection("postgres")]
public sealed class AccessTests(PostgresFixture postgres)
{
    private const string Key = "test-key-5b0c2d";
    private const string Password = "correct horse battery";

    private static Dictionary<string, string?> Auth() => new()
    {
        ["AutoDialer:Auth:ApiKeys:0"] = Key,
        ["AutoDialer:Auth:Users:0:Name"] = "ops",
        ["AutoDialer:Auth:Users:0:PasswordHash"] = DashboardPasswords.Hash(Password),
    };

    private static Action<IServiceCollection> Remote => s => s.AddSingleton<IRequestLocality>(new FixedLocality(local: false));

    [Fact]
    public async Task Without_auth_configured_local_requests_are_served_and_remote_ones_refused()
    {
        await using (var local = await ApiServer.StartAsync(postgres))
        {
            await local.GetJsonAsync("api/campaigns");
            using var page = await local.Client.GetAsync("");
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        }

        await using var remote = await ApiServer.StartAsync(postgres, services: Remote);
        foreach (var path in new[] { "api/campaigns", "", "healthz", "openapi/v1.json", "api/events?topics=campaigns" })
        {
            using var response = await remote.Client.GetAsync(path);
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        }
        using var post = await remote.Client.PostAsync("api/campaigns", ApiServer.Json(new { name = "x" }));
        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
    }

    [Fact]
    public async Task With_auth_configured_a_remote_request_needs_a_valid_api_key()
    {
        await using var server = await ApiServer.StartAsync(postgres, Auth(), Remote);
        using (var anonymous = await server.Client.GetAsync("api/campaigns"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
            Assert.Equal("application/problem+json", anonymous.Content.Headers.ContentType?.MediaType);
        }
        using (var wrong = new HttpRequestMessage(HttpMethod.Get, "api/campaigns") { Headers = { { "X-Api-Key", "guess" } } })
        using (var refused = await server.Client.SendAsync(wrong))
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);

        server.Client.DefaultRequestHeaders.Add("X-Api-Key", Key);
        await server.GetJsonAsync("api/campaigns");
        var created = await server.PostJsonAsync("api/campaigns", new { name = "keyed" }, HttpStatusCode.Created);
        await server.PostJsonAsync($"api/campaigns/{created.GetProperty("id").GetInt64()}/start", null, HttpStatusCode.OK);
        await server.GetJsonAsync("healthz");
    }

    [Fact]
    public async Task With_auth_configured_local_requests_need_credentials_too()
    {
        await using var server = await ApiServer.StartAsync(postgres, Auth());
        using var response = await server.Client.GetAsync("api/campaigns");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task The_dashboard_sends_to_sign_in_and_a_signed_in_browser_must_send_the_antiforgery_token_to_change_anything()
    {
        await using var server = await ApiServer.StartAsync(postgres, Auth(), Remote);
        var cookies = new CookieContainer();
        using var browser = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = server.Address };

        using (var page = await browser.GetAsync(""))
        {
            Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
            Assert.StartsWith("/login", page.Headers.Location!.OriginalString);
        }

        var login = await browser.GetStringAsync("login?returnUrl=%2F");
        var token = Regex.Match(login, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        using (var wrong = await browser.PostAsync("login", new FormUrlEncodedContent(new Dictionary<string, string>
               { ["__RequestVerificationToken"] = token, ["user"] = "ops", ["password"] = "nope", ["returnUrl"] = "/" })))
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        using (var forged = await browser.PostAsync("login", new FormUrlEncodedContent(new Dictionary<string, string>
               { ["user"] = "ops", ["password"] = Password })))
            Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        using (var signIn = await browser.PostAsync("login", new FormUrlEncodedContent(new Dictionary<string, string>
               { ["__RequestVerificationToken"] = token, ["user"] = "ops", ["password"] = Password, ["returnUrl"] = "https://evil.example/" })))
        {
            Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
            Assert.Equal("/", signIn.Headers.Location!.OriginalString);
        }

        var dashboard = await browser.GetStringAsync("");
        var csrf = Regex.Match(dashboard, "name=\"csrf-token\" content=\"([^\"]+)\" data-header=\"([^\"]+)\"");
        await ApiServer.ReadAsync(await browser.GetAsync("api/campaigns"), HttpStatusCode.OK);

        // A cross-site form or script riding on the sign-in cookie has no token: refused, nothing created.
        using (var withoutToken = await browser.PostAsync("api/campaigns", ApiServer.Json(new { name = "forged" })))
            Assert.Equal(HttpStatusCode.BadRequest, withoutToken.StatusCode);
        var request = new HttpRequestMessage(HttpMethod.Post, "api/campaigns") { Content = ApiServer.Json(new { name = "genuine" }) };
        request.Headers.Add(csrf.Groups[2].Value, csrf.Groups[1].Value);
        using (var withToken = await browser.SendAsync(request))
            Assert.Equal(HttpStatusCode.Created, withToken.StatusCode);
        var names = (await ApiServer.ReadAsync(await browser.GetAsync("api/campaigns"), HttpStatusCode.OK)).EnumerateArray().Select(c => c.GetProperty("name").GetString());
        Assert.Equal(["genuine"], names);
    }

    [Fact]
    public async Task Without_auth_a_local_browser_request_that_changes_state_needs_the_antiforgery_token()
    {
        await using var server = await ApiServer.StartAsync(postgres);
        var request = new HttpRequestMessage(HttpMethod.Post, "api/campaigns") { Content = ApiServer.Json(new { name = "drive-by" }) };
        request.Headers.Add("Origin", "https://evil.example");
        using var response = await server.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, (await server.GetJsonAsync("api/campaigns")).GetArrayLength());
    }

    [Fact]
    public void A_password_hash_verifies_only_its_password_and_unknown_users_fail()
    {
        var options = new CurrentOptions<AccessOptions>(new AccessOptions
        {
            Users = [new DashboardUser { Name = "ops", PasswordHash = DashboardPasswords.Hash(Password) }, new DashboardUser { Name = "broken", PasswordHash = "not-a-hash" }],
        });
        var passwords = new DashboardPasswords(new AccessCredentials(options));
        Assert.Equal("ops", passwords.Verify("ops", Password)?.Name);
        Assert.Null(passwords.Verify("ops", Password + "!"));
        Assert.Null(passwords.Verify("nobody", Password));
        Assert.Null(passwords.Verify("broken", "not-a-hash"));
    }
}
