using AutoDialer.AspNetCore.Tests;
using AutoDialer.Core.Dispositions;
using AutoDialer.Dialing.Settlement;
using AutoDialer.PostgreSql.Campaigns;
using AutoDialer.PostgreSql.Settlement;
using AutoDialer.Testing;
using Dapper;
using Microsoft.Playwright;

namespace AutoDialer.Browser.Tests;

/// <summary>
/// What the agents recorded, in Chromium, in Chinese and in English: dispositions recorded as an agent's page records
/// them (the settlement's <see cref="AttemptSettler.RecordDispositionAsync"/>) are counted on the campaign page under
/// the code's label and effect, the callback asked for is in the campaign's callbacks view with its owner, contact and
/// state, and both fit a 390 px phone screen without scrolling sideways; the daily report and the agents board count them.
/// </summary>
[Collection("browser")]
[Trait("Category", "Browser")]
public sealed class DispositionsPageTests(PostgresFixture postgres, BrowserFixture browser) : IAsyncLifetime
{
    private ApiServer server = null!;

    public async Task InitializeAsync() => server = await ApiServer.StartAsync(postgres);
    public async Task DisposeAsync() => await server.DisposeAsync();

    private async Task RecordAsync(long attemptId, string code, DateTimeOffset? callbackAt = null, string? note = null)
    {
        var settler = new AttemptSettler(new SettlementStore(server.Db, new CampaignSettingsCache()));
        var (answer, _) = await settler.RecordDispositionAsync("simulator", "agent-7", new DispositionRequest(attemptId, code, callbackAt, note),
            DateTimeOffset.UtcNow, CancellationToken.None);
        Assert.True(answer.Accepted, answer.Message);
    }

    [Fact]
    public async Task A_recorded_disposition_is_counted_on_the_campaign_page_and_its_callback_is_in_the_callbacks_view_in_Chinese_and_English()
    {
        var id = await server.CreateCampaignAsync("小结活动", new
        {
            schedule = new { time_zone_id = "Asia/Shanghai", windows = new[] { new { day = "monday", start = "09:00:00", end = "21:00:00" } } },
            agent_ids = new[] { "agent-7" },
        });
        await server.UploadAndImportAsync(id, "phone,name\n13800138000,王伟\n13900139000,李娜\n"u8.ToArray(), "l.csv");
        var now = DateTimeOffset.UtcNow;
        var success = await Seed.AttemptAsync(server.Db, id, "+8613800138000", "agent-7", "answered", now, talkSeconds: 60);
        var callback = await Seed.AttemptAsync(server.Db, id, "+8613900139000", "agent-7", "answered", now, talkSeconds: 30);
        await RecordAsync(success, "success");
        await RecordAsync(callback, "call_back", now.AddHours(3), "三点以后");

        foreach (var (locale, label, effect, state) in new[] { ("zh-CN", "成功", "结束：成功", "已预约"), ("en-US", "Success", "Final: success", "Scheduled") })
        {
            var page = await browser.NewPageAsync(server.Address, locale, 390, 844);
            var problems = await PageProblems.WatchAsync(page);
            await page.GotoAsync($"#/campaigns/{id}");

            var row = page.GetByTestId("dispositions").Locator("tr[data-code=success]");
            await Assertions.Expect(row).ToContainTextAsync(label);
            await Assertions.Expect(row).ToContainTextAsync(effect);
            await Assertions.Expect(row.Locator("[data-count=today]")).ToHaveTextAsync("1");
            await Assertions.Expect(row.Locator("[data-count=total]")).ToHaveTextAsync("1");
            await Assertions.Expect(page.GetByTestId("dispositions").Locator("tr[data-code=call_back] [data-count=today]")).ToHaveTextAsync("1");
            await Assertions.Expect(page.GetByTestId("dispositions").Locator("tr[data-code=wrong_number] [data-count=total]")).ToHaveTextAsync("0");
            await AssertFitsAsync(page, $"campaign page {locale}");
            await BrowserFixture.ScreenshotAsync(page, $"dispositions-campaign-390-{locale}");

            await page.GetByTestId("open-callbacks").ClickAsync();
            var listed = page.GetByTestId("callbacks").Locator("tbody tr");
            await Assertions.Expect(listed).ToHaveCountAsync(1);
            await Assertions.Expect(listed).ToContainTextAsync("李娜");
            await Assertions.Expect(listed).ToContainTextAsync(state);
            await Assertions.Expect(listed).ToContainTextAsync("三点以后");
            await Assertions.Expect(listed.GetByTestId("callback-owner")).ToHaveTextAsync("agent-7");
            await Assertions.Expect(page.Locator("[data-state-count=scheduled]")).ToHaveTextAsync("1");
            await Assertions.Expect(page.GetByTestId("callbacks-campaign")).ToHaveValueAsync(id.ToString(System.Globalization.CultureInfo.InvariantCulture));
            await AssertFitsAsync(page, $"callbacks {locale}");
            await BrowserFixture.ScreenshotAsync(page, $"callbacks-390-{locale}");
            Assert.Empty(await problems.AllAsync());
        }

        // Past the owner's grace, the view says any agent may take it.
        await using (var connection = await server.Db.OpenConnectionAsync())
            await connection.ExecuteAsync("update contacts set callback_at = now() - interval '20 minutes', callback_owner_until = now() - interval '10 minutes' where callback_at is not null");
        var wide = await browser.NewPageAsync(server.Address, "en-US");
        await wide.GotoAsync($"#/callbacks?campaign={id}");
        await Assertions.Expect(wide.GetByTestId("callbacks").Locator("tbody tr[data-state=overdue]")).ToContainTextAsync("Overdue (any agent)");
        await Assertions.Expect(wide.Locator("[data-state-count=overdue]")).ToHaveTextAsync("1");

        // The daily report and the agents board show them too.
        await wide.GotoAsync($"#/reports?campaign={id}");
        var reported = wide.GetByTestId("report-dispositions").Locator("tr[data-code=success]");
        await Assertions.Expect(reported).ToContainTextAsync("Success");
        await Assertions.Expect(reported).ToContainTextAsync("Final: success");
        await Assertions.Expect(reported.Locator("td.num")).ToHaveTextAsync("1");
        await wide.GotoAsync("#/agents");
        await Assertions.Expect(wide.Locator("[data-agent=agent-7] [data-testid=agent-dispositions]")).ToHaveTextAsync("call_back 1 · success 1");
    }

    /// <summary>Nothing forces a phone screen to scroll sideways: wide tables scroll inside their panel, or stack.</summary>
    private static async Task AssertFitsAsync(IPage page, string where)
    {
        var overflow = await page.EvaluateAsync<int>("document.documentElement.scrollWidth - document.documentElement.clientWidth");
        Assert.True(overflow <= 0, $"{where} at 390 px is {overflow} px wider than the screen");
    }
}
