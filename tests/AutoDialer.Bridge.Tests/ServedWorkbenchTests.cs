using System.Text.Json;
using AutoDialer.Bridge.Tests.Support;
using AutoDialer.Telephony.Meiqia;
using AutoDialer.Telephony.Udesk;
using AutoDialer.Testing;
using Microsoft.AspNetCore.Http;
using Microsoft.Playwright;

namespace AutoDialer.Bridge.Tests;

/// <summary>
/// The real <c>autodialer serve</c>, configured as a user configures it, with its sample workbench pages in Chromium
/// over the stand-in SDKs: every answer a page reads has the one documented casing (camelCase), whatever JSON
/// settings the production host gives its API.
/// </summary>
[Collection("postgres")]
[Trait("Category", "Browser")]
public sealed class ServedWorkbenchTests(PostgresFixture postgres, BrowserFixture browsers)
{
    private const string AppId = "app-serve-1";
    private const string AppSecret = "udesk-secret-serve-9d2f";
    private const string StandIns = "http://standins.test/";

    /// <summary>How long serve may take to listen (a cold start on two shared cores).</summary>
    private static readonly TimeSpan StartLimit = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Serve_gives_GetToken_exactly_appId_timestamp_token_and_pages_their_tokens_in_camelCase()
    {
        await using var database = await postgres.CreateDatabaseAsync("serve");
        await using var meiqia = await StubOpenApi.StartAsync();
        meiqia.On(MeiqiaOpenApiClient.LoginPath, context => Results.Json(new { Token = "mq-sdk-serve", ExpireTime = "7200" }).ExecuteAsync(context));
        meiqia.OnJson(MeiqiaOpenApiClient.AgentsPath, 200, "[]");
        using var home = new TemporaryDirectory("autodialer-serve-", TemporaryDirectory.Reachable);
        await using var node = ServeProcess.Serve(FreePort.Next(), new Dictionary<string, string>
        {
            ["AUTODIALER_HOME"] = home.Path,
            ["AUTODIALER_DB"] = postgres.ConnectionStringOf(database),
            ["AutoDialer__Bridge__SigningKey"] = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray()),
            ["AutoDialer__Udesk__AccountId"] = "udesk",
            ["AutoDialer__Udesk__AppId"] = AppId,
            ["AutoDialer__Udesk__AppSecret"] = AppSecret,
            ["AutoDialer__Meiqia__AccountId"] = "meiqia",
            ["AutoDialer__Meiqia__AccessToken"] = StubOpenApi.AccessToken,
            ["AutoDialer__Meiqia__BaseUrl"] = meiqia.BaseUrl.ToString(),
        });
        await node.UntilListeningAsync(StartLimit);
        var browser = await browsers.BrowserAsync();
        await using var context = await browser.NewContextAsync();
        await context.RouteAsync(StandIns + "**", async route =>
        {
            var vendor = Path.GetFileNameWithoutExtension(new Uri(route.Request.Url).AbsolutePath);
            await route.FulfillAsync(new RouteFulfillOptions { Body = await StandInScripts.ReadAsync(vendor), ContentType = "text/javascript" });
        });

        // The sample page, as README says, from the host itself; its GetToken is AppDataProvider's over serve's endpoint.
        var udesk = await context.NewPageAsync();
        udesk.SetDefaultTimeout(30_000);
        await udesk.GotoAsync(new Uri(node.Url!, $"/samples/workbench-udesk.html?agent=1001&account=udesk&sdk={StandIns}udesk.js").ToString());
        await udesk.WaitForFunctionAsync("() => window.workbench && (window.workbench.sdk.token || window.workbench.sdk.initError)");
        Assert.Null(await udesk.EvaluateAsync<string?>("() => window.workbench.sdk.initError"));
        var token = await JsonOfAsync(udesk, "window.workbench.sdk.token");
        Assert.Equal(["appId", "timestamp", "token"], token.EnumerateObject().Select(p => p.Name));
        Assert.Equal(AppId, token.GetProperty("appId").GetString());
        Assert.Equal(UdeskTokenSigner.Sign(AppSecret, AppId, token.GetProperty("timestamp").GetString()!), token.GetProperty("token").GetString());
        Assert.Equal(AppId, await udesk.EvaluateAsync<string>("() => window.workbench.sdk.options.AppId"));
        await udesk.WaitForFunctionAsync("() => window.workbench.bridge.status === 'connected'");

        var grant = await JsonOfAsync(udesk, "await (await fetch('/api/agents/1001/bridge-token?providerAccount=udesk', { method: 'POST' })).json()");
        Assert.Equal(["token", "agentId", "providerAccount", "provider", "expiresAt"], grant.EnumerateObject().Select(p => p.Name));
        Assert.Equal("1001", grant.GetProperty("agentId").GetString());
        Assert.True(grant.GetProperty("expiresAt").TryGetDateTimeOffset(out _));

        var meiqiaPage = await context.NewPageAsync();
        meiqiaPage.SetDefaultTimeout(30_000);
        await meiqiaPage.GotoAsync(new Uri(node.Url!, $"/samples/workbench-meiqia.html?agent=12123&account=meiqia&sdk={StandIns}meiqia.js").ToString());
        await meiqiaPage.WaitForFunctionAsync("() => window.workbench && window.workbench.sdk.token === 'mq-sdk-serve'");
        var sdkToken = await JsonOfAsync(meiqiaPage, "await (await fetch('/api/providers/meiqia/token?agentId=12123')).json()");
        Assert.Equal(["token", "expiresAt"], sdkToken.EnumerateObject().Select(p => p.Name));
    }

    /// <summary>A value in the page as JSON text (Playwright's own serialisation would hide the property names' order).</summary>
    private static async Task<JsonElement> JsonOfAsync(IPage page, string expression) =>
        JsonDocument.Parse(await page.EvaluateAsync<string>($"async () => JSON.stringify({expression})")).RootElement;
}
