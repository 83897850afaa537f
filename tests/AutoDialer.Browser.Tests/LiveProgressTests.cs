using System.Text;
using AutoDialer.AspNetCore.Tests;
using AutoDialer.Testing;
using Microsoft.Playwright;

namespace AutoDialer.Browser.Tests;

[Collection("browser")]
[Trait("Category", "Browser")]
public sealed class LiveProgressTests(PostgresFixture postgres, BrowserFixture browser) : IAsyncLifetime
{
    private ApiServer server = null!;

    public async Task InitializeAsync() => server = await ApiServer.StartAsync(postgres);
    public async Task DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task A_started_campaigns_progress_bar_moves_without_a_reload_and_after_pause_dialling_stops()
    {
        var id = await server.CreateCampaignAsync("demo");
        var list = new StringBuilder("phone,name\n");
        for (var i = 0; i < 400; i++) list.Append("138").Append((10_000_000 + i).ToString()).Append(",客户").Append(i).Append('\n');
        await server.UploadAndImportAsync(id, Encoding.UTF8.GetBytes(list.ToString()), "demo.csv");
        await using var dialer = new StandInDialer(server.Db, id, TimeSpan.FromMilliseconds(40));

        var page = await browser.NewPageAsync(server.Address);
        await page.GotoAsync($"#/campaigns/{id}");
        var bar = page.GetByTestId("campaign-progress");
        await Assertions.Expect(bar).ToHaveAttributeAsync("data-done", "0");
        await page.EvaluateAsync("() => window.__sameDocument = true");

        await page.GetByTestId($"start-{id}").ClickAsync();
        await page.WaitForFunctionAsync("() => +document.querySelector('[data-testid=campaign-progress]').dataset.done >= 10");
        var first = int.Parse((await bar.GetAttributeAsync("data-done"))!);
        await page.WaitForFunctionAsync($"() => +document.querySelector('[data-testid=campaign-progress]').dataset.done > {first}");
        Assert.True(await page.EvaluateAsync<bool>("() => window.__sameDocument === true"), "the page reloaded");
        await Assertions.Expect(page.GetByTestId("outcome-chart")).ToContainTextAsync("answered");
        await BrowserFixture.ScreenshotAsync(page, "campaign-running-1280");

        await page.GetByTestId($"pause-{id}").ClickAsync();
        await Assertions.Expect(page.Locator("#c-state [data-state]")).ToHaveAttributeAsync("data-state", "paused");
        await dialer.NotRunningSeenAsync(1);
        var atPause = await dialer.AttemptsAsync();
        await page.WaitForFunctionAsync($"() => +document.querySelector('[data-testid=campaign-progress]').dataset.done === {atPause}");

        // The dialer keeps looking; while paused it must not dial: after several more looks nothing has changed.
        await dialer.NotRunningSeenAsync(5);
        Assert.Equal(atPause, await dialer.AttemptsAsync());
        Assert.Equal(atPause.ToString(), await bar.GetAttributeAsync("data-done"));
        Assert.True(atPause < 400, "the campaign finished before it could be paused");
        Assert.True(await page.EvaluateAsync<bool>("() => window.__sameDocument === true"), "the page reloaded");
        await Assertions.Expect(page.GetByTestId($"resume-{id}")).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "campaign-paused-1280");
    }
}
