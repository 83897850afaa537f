using AutoDialer.AspNetCore.Access;
using AutoDialer.AspNetCore.Tests;
using AutoDialer.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace AutoDialer.Browser.Tests;

/// <summary>
/// The dashboard under its Content-Security-Policy (no inline script, no style attributes), and every text a user, a
/// list or a vendor supplies shown as text on every page, never run as markup.
/// </summary>
[Collection("browser")]
[Trait("Category", "Browser")]
public sealed class DashboardSecurityTests(PostgresFixture postgres, BrowserFixture browser)
{
    private const string Password = "correct horse battery";
    private const string ImgPayload = "<img src=x onerror=window.__xss=1>";
    private const string ScriptPayload = "\"><script>window.__xss=1</script>";

    /// <summary>Each view, and what shows it has rendered (its live data included).</summary>
    private static (string Name, string Hash, string Ready)[] Views(long campaignId) =>
    [
        ("campaigns", "#/campaigns", $"[data-testid=campaigns] tr[data-campaign-id='{campaignId}'] [data-testid=progress-{campaignId}]"),
        ("campaign", $"#/campaigns/{campaignId}", "[data-testid=hourly-chart]"),
        // The same page again (a query the router ignores), once its dispositions have come.
        ("dispositions", $"#/campaigns/{campaignId}?dispositions", "[data-testid=dispositions] tr[data-code]"),
        ("callbacks", $"#/callbacks?campaign={campaignId}", "[data-testid=callbacks] tbody tr"),
        ("settings", $"#/campaigns/{campaignId}/settings", "[data-testid=settings-form] [data-testid=agent-chip]"),
        ("agents", "#/agents", "[data-agent]"),
        ("numbers", "#/numbers", "tr[data-number] .meter span"),
        ("dnc", "#/dnc", "#d-rows tr"),
        ("audit", "#/audit", "[data-audit-id]"),
        ("reports", $"#/reports?campaign={campaignId}", "[data-testid=report-agents] tbody tr"),
        // Last: the walk drops a list on it.
        ("upload", $"#/upload?campaign={campaignId}", "#u-recent tr"),
    ];

    private async Task<ApiServer> StartSignedInServerAsync()
    {
        var server = await ApiServer.StartAsync(postgres, new Dictionary<string, string?>
        {
            ["AutoDialer:Auth:Users:0:Name"] = "ops",
            ["AutoDialer:Auth:Users:0:PasswordHash"] = DashboardPasswords.Hash(Password),
            ["AutoDialer:Auth:ApiKeys:0"] = "browser-test-key",
        }, services => services.AddSingleton<IRequestLocality>(new DashboardSignIn.Remote()));
        server.Client.DefaultRequestHeaders.Add("X-Api-Key", "browser-test-key");
        return server;
    }

    private static async Task SignInAsync(IPage page, PageProblems problems, string title)
    {
        var response = await page.GotoAsync("#/campaigns");
        await Assertions.Expect(page.Locator("#title")).ToHaveTextAsync(title);
        Assert.Equal(DashboardPolicy, (await response!.AllHeadersAsync()).GetValueOrDefault("content-security-policy"));
        Assert.Empty(await problems.AllAsync());
        await DashboardSignIn.SubmitAsync(page, "ops", Password);
        await Assertions.Expect(page.GetByTestId("campaigns")).ToBeVisibleAsync();
    }

    private const string DashboardPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

    [Fact]
    public async Task Every_view_in_Chinese_and_English_runs_under_the_content_security_policy_without_a_violation()
    {
        await using var server = await StartSignedInServerAsync();
        var seeded = await DashboardData.SeedAsync(server, "王伟 & Co", "Ann \"Nan\" O'Neil");

        foreach (var (locale, signInTitle) in new[] { ("en-US", "Sign in"), ("zh-CN", "登录") })
        {
            var page = await browser.NewPageAsync(server.Address, locale);
            var problems = await PageProblems.WatchAsync(page);
            await SignInAsync(page, problems, signInTitle);
            var document = await page.ReloadAsync();
            Assert.Equal(DashboardPolicy, (await document!.AllHeadersAsync()).GetValueOrDefault("content-security-policy"));

            foreach (var (_, hash, ready) in Views(seeded.CampaignId))
            {
                await page.GotoAsync(hash);
                await Assertions.Expect(page.Locator(ready).First).ToBeAttachedAsync();
                Assert.True((await problems.AllAsync()).Count == 0, $"{locale} {hash}: {string.Join("\n", await problems.AllAsync())}");
            }
            await DashboardData.DropListAsync(page, seeded);
            await Assertions.Expect(page.GetByTestId("report-rejects")).ToBeVisibleAsync();
            await Assertions.Expect(page.Locator("#u-meter")).ToHaveCSSAsync("width", new System.Text.RegularExpressions.Regex("^[1-9]"));
            await page.GetByTestId("lang-switch").ClickAsync();
            await Assertions.Expect(page.GetByTestId("report-rejects")).Not.ToBeAttachedAsync();
            Assert.True((await problems.AllAsync()).Count == 0, $"{locale} upload: {string.Join("\n", await problems.AllAsync())}");
        }
    }

    [Fact]
    public async Task Markup_in_names_ids_lists_and_vendor_texts_is_shown_as_text_and_never_runs_on_any_page()
    {
        await using var server = await StartSignedInServerAsync();
        var seeded = await DashboardData.SeedAsync(server, ImgPayload, ScriptPayload);

        foreach (var (locale, signInTitle) in new[] { ("en-US", "Sign in"), ("zh-CN", "登录") })
        {
            var page = await browser.NewPageAsync(server.Address, locale);
            var problems = await PageProblems.WatchAsync(page);
            await SignInAsync(page, problems, signInTitle);

            foreach (var (name, hash, ready) in Views(seeded.CampaignId))
            {
                await page.GotoAsync(hash);
                await Assertions.Expect(page.Locator(ready).First).ToBeAttachedAsync();
                if (name == "upload")
                {
                    await DashboardData.DropListAsync(page, seeded);
                    await Assertions.Expect(page.GetByTestId("report-rejects")).ToContainTextAsync(ScriptPayload);
                }
                await AssertShownAsTextAsync(page, $"{locale} {hash}", problems);
                await BrowserFixture.ScreenshotAsync(page, $"markup-as-text-{name}-{locale}");
            }
        }
    }

    /// <summary>
    /// Both texts are on the page as text; none of them became an element or an attribute (the policy would stop an
    /// injected handler from running, so that alone proves nothing), and no script ran.
    /// </summary>
    private static async Task AssertShownAsTextAsync(IPage page, string where, PageProblems problems)
    {
        await Assertions.Expect(page.Locator("#view")).ToContainTextAsync(ImgPayload);
        await Assertions.Expect(page.Locator("#view")).ToContainTextAsync(ScriptPayload);
        Assert.True(await page.EvaluateAsync<bool>("() => window.__xss === undefined"), $"{where}: the injected script ran");
        var injected = await page.EvaluateAsync<string[]>("""
            () => [...document.querySelectorAll('#view img, #view script, [onerror], [onload]')].map(e => e.outerHTML)
            """);
        Assert.True(injected.Length == 0, $"{where}: markup from the data became elements: {string.Join(" | ", injected)}");
        var seen = await problems.AllAsync();
        Assert.True(seen.Count == 0, $"{where}: {string.Join("\n", seen)}");
    }
}
