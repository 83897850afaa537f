using System.Text;
using AutoDialer.AspNetCore.Tests;
using AutoDialer.PostgreSql.Campaigns;
using AutoDialer.PostgreSql.Nightly;
using AutoDialer.Testing;
using Dapper;
using Microsoft.Playwright;

namespace AutoDialer.Browser.Tests;

/// <summary>The daily report in Chromium: from the campaign page to today's report, and a past day the nightly batch closed.</summary>
[Collection("browser")]
[Trait("Category", "Browser")]
public sealed class ReportPageTests(PostgresFixture postgres, BrowserFixture browser) : IAsyncLifetime
{
    private ApiServer server = null!;

    public async Task InitializeAsync() => server = await ApiServer.StartAsync(postgres);
    public async Task DisposeAsync() => await server.DisposeAsync();

    private async Task AttemptAsync(long campaignId, string phone, string agent, string? outcome, DateTimeOffset at, int talk = 0)
    {
        await using var connection = await server.Db.OpenConnectionAsync();
        await connection.ExecuteAsync("""
            insert into attempts (campaign_id, contact_id, provider_account, agent_id, phone, dial_string, caller_number_id, caller_number,
                                  status, outcome, talk_seconds, node, created_at, settled_at)
            select @campaignId, id, 'simulator', @agent, phone, phone, 'n1', '+861062345678', 'settled', @outcome, @talk, 'test', @at, @at
            from contacts where campaign_id = @campaignId and phone = @phone
            """, new { campaignId, phone, agent, outcome, talk, at = at.UtcDateTime });
    }

    [Fact]
    public async Task The_campaign_page_opens_todays_report_and_a_closed_day_is_picked_by_its_date()
    {
        var id = await server.CreateCampaignAsync("报表活动");
        await server.UploadAndImportAsync(id, Encoding.UTF8.GetBytes("phone\n13800138000\n13800138001\n13800138002\n13800138003\n"), "r.csv");
        var now = DateTimeOffset.UtcNow;
        await AttemptAsync(id, "+8613800138000", "agent-7", "answered", now, talk: 95);
        await AttemptAsync(id, "+8613800138001", "agent-7", "no_answer", now);
        var past = new DateTimeOffset(2025, 3, 3, 10, 15, 0, TimeSpan.FromHours(8));
        await AttemptAsync(id, "+8613800138002", "agent-9", "answered", past, talk: 30);
        await AttemptAsync(id, "+8613800138003", "agent-9", "answered", past.AddHours(5), talk: 90);
        await new NightlyRetryBatch(server.Db, new CampaignSettingsCache()).RunAsync(id, new DateOnly(2025, 3, 3), CancellationToken.None);

        var page = await browser.NewPageAsync(server.Address);
        var problems = await PageProblems.WatchAsync(page);
        await page.GotoAsync($"#/campaigns/{id}");
        await page.GetByTestId("open-report").ClickAsync();

        var report = page.GetByTestId("report");
        var today = DateOnly.FromDateTime(now.ToOffset(TimeSpan.FromHours(8)).DateTime).ToString("yyyy-MM-dd");
        await Assertions.Expect(report).ToHaveAttributeAsync("data-day", today);
        await Assertions.Expect(page.GetByTestId("report-day")).ToHaveValueAsync(today);
        await Assertions.Expect(page.Locator("[data-total=dials]")).ToHaveTextAsync("2");
        await Assertions.Expect(page.Locator("[data-total=answered]")).ToHaveTextAsync("1");
        await Assertions.Expect(page.Locator("[data-total=answer_rate]")).ToHaveTextAsync("50%");
        await Assertions.Expect(page.Locator("[data-total=talk_total]")).ToHaveTextAsync("1m 35s");
        await Assertions.Expect(page.GetByTestId("report-state")).ToContainTextAsync("not closed");
        await Assertions.Expect(page.GetByTestId("hourly-chart")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("report-agents").Locator("tbody tr")).ToHaveCountAsync(1);
        await Assertions.Expect(page.GetByTestId("report-agents")).ToContainTextAsync("agent-7");
        await Assertions.Expect(page.GetByTestId("report-csv")).ToHaveAttributeAsync("href", $"api/campaigns/{id}/reports/{today}.csv");
        await BrowserFixture.ScreenshotAsync(page, "report-today-1280");

        await page.GetByTestId("report-day").FillAsync("2025-03-03");
        await Assertions.Expect(report).ToHaveAttributeAsync("data-day", "2025-03-03");
        await Assertions.Expect(page.Locator("[data-total=dials]")).ToHaveTextAsync("2");
        await Assertions.Expect(page.Locator("[data-total=answered]")).ToHaveTextAsync("2");
        await Assertions.Expect(page.Locator("[data-total=talk_average]")).ToHaveTextAsync("1m 0s");
        await Assertions.Expect(page.GetByTestId("report-state")).ToContainTextAsync("Closed by the nightly batch");
        await Assertions.Expect(page.GetByTestId("report-close")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("report-hours")).ToContainTextAsync("10:00");
        await Assertions.Expect(page.GetByTestId("report-hours")).ToContainTextAsync("15:00");
        await Assertions.Expect(page.Locator("[data-closed-day='2025-03-03']")).ToBeVisibleAsync();

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("report-csv").ClickAsync());
        var csv = await File.ReadAllTextAsync((await download.PathAsync())!);
        Assert.Contains("total,2025-03-03,报表活动,2,2,1,120,60,", csv);
        Assert.Empty(await problems.AllAsync());
        await BrowserFixture.ScreenshotAsync(page, "report-closed-day-1280");
    }
}
