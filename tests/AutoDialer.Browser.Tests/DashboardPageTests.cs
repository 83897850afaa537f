using System.Net;
using System.Text;
using AutoDialer.AspNetCore.Tests;
using AutoDialer.Testing;
using Microsoft.Playwright;

namespace AutoDialer.Browser.Tests;

[Collection("browser")]
[Trait("Category", "Browser")]
public sealed class DashboardPageTests(PostgresFixture postgres, BrowserFixture browser) : IAsyncLifetime
{
    private ApiServer server = null!;

    static DashboardPageTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public async Task InitializeAsync() => server = await ApiServer.StartAsync(postgres);
    public async Task DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task A_gb18030_list_dropped_on_the_upload_page_shows_its_validation_report()
    {
        var id = await server.CreateCampaignAsync("春季回访");
        var bytes = Encoding.GetEncoding("GB18030").GetBytes(
            "手机号,姓名,城市\n13800138000,王伟,北京\n12345,坏号,上海\n1.38001E+10,科学,广州\n13800138000,重复,北京\n+8613900139000,李娜,深圳\n");
        var page = await browser.NewPageAsync(server.Address);
        await page.GotoAsync($"#/upload?campaign={id}");
        await Assertions.Expect(page.GetByTestId("upload-campaign")).ToHaveValueAsync(id.ToString());

        // A real drop event carrying the file, as a person dragging it from the desktop would produce; the detected columns kept.
        await DashboardData.DropFileAsync(page, bytes, "客户名单.csv", "text/csv");
        await page.GetByTestId("confirm-mapping").ClickAsync();

        var reasons = page.GetByTestId("report-reasons");
        await Assertions.Expect(reasons).ToContainTextAsync("too_short");
        await Assertions.Expect(reasons).ToContainTextAsync("excel_scientific");
        await Assertions.Expect(reasons).ToContainTextAsync("duplicate");
        var rejects = page.GetByTestId("report-rejects");
        await Assertions.Expect(rejects.Locator("tbody tr")).ToHaveCountAsync(3);
        await Assertions.Expect(rejects.Locator("tbody tr").First).ToContainTextAsync("3");
        await Assertions.Expect(rejects).ToContainTextAsync("坏号");
        await Assertions.Expect(page.Locator("[data-count=accepted]")).ToHaveTextAsync("2");
        await Assertions.Expect(page.GetByTestId("upload-status")).ToContainTextAsync("Imported");
        await Assertions.Expect(page.GetByTestId("download-rejects")).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex(@"api/uploads/\d+/rejects\.csv"));
        await BrowserFixture.ScreenshotAsync(page, "upload-report-1280");
    }

    [Fact]
    public async Task The_language_follows_the_browser_and_the_switch_changes_it_and_is_remembered()
    {
        var english = await browser.NewPageAsync(server.Address, locale: "en-US");
        await english.GotoAsync("#/campaigns");
        await Assertions.Expect(english.Locator("#nav a[data-view=campaigns]")).ToHaveTextAsync("Campaigns");
        await english.GetByTestId("lang-switch").ClickAsync();
        await Assertions.Expect(english.Locator("#nav a[data-view=campaigns]")).ToHaveTextAsync("外呼活动");
        await Assertions.Expect(english.Locator("h1")).ToHaveTextAsync("外呼活动");
        await english.ReloadAsync();
        await Assertions.Expect(english.Locator("#nav a[data-view=jobs]")).ToHaveTextAsync("后台任务");
        await BrowserFixture.ScreenshotAsync(english, "campaigns-switched-to-chinese-1280");

        var chinese = await browser.NewPageAsync(server.Address, locale: "zh-CN");
        await chinese.GotoAsync("#/campaigns");
        await Assertions.Expect(chinese.Locator("#nav a[data-view=upload]")).ToHaveTextAsync("上传名单");
        await chinese.GetByTestId("lang-switch").ClickAsync();
        await Assertions.Expect(chinese.Locator("#nav a[data-view=upload]")).ToHaveTextAsync("Upload");
    }

    [Theory]
    [InlineData("en-US", "Why isn't it dialling?", "Campaign not running")]
    [InlineData("zh-CN", "为什么没有拨打？", "活动未在进行")]
    public async Task The_campaign_page_says_why_it_is_not_dialling(string locale, string title, string notRunning)
    {
        var id = await AutoDialer.Dialing.Tests.DialingRig.CreateRunningCampaignAsync(server.Db, $"why-{locale}", contacts: 4,
            AutoDialer.Dialing.Tests.DialingRig.Settings(["agent-1"]));
        await server.PostJsonAsync($"api/campaigns/{id}/pause", new { }, HttpStatusCode.OK);

        var page = await browser.NewPageAsync(server.Address, locale: locale);
        await page.GotoAsync($"#/campaigns/{id}");

        await Assertions.Expect(page.Locator("h2", new() { HasText = title })).ToBeVisibleAsync();
        var row = page.GetByTestId("diagnostics").Locator("tr[data-reason=campaign_not_running]");
        await Assertions.Expect(row).ToContainTextAsync(notRunning);
        await Assertions.Expect(row).ToContainTextAsync("4");
        await BrowserFixture.ScreenshotAsync(page, $"campaign-diagnostics-{locale}");
    }

    [Fact]
    public async Task The_jobs_link_opens_the_Hangfire_dashboard_in_the_dashboard_s_language()
    {
        var page = await browser.NewPageAsync(server.Address, locale: "zh-CN");
        await page.GotoAsync("#/campaigns");
        await page.Locator("#nav a[data-view=jobs]").ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/hangfire/?$"));
        await Assertions.Expect(page.Locator("body")).ToContainTextAsync("仪表盘");
    }

    [Fact]
    public async Task Every_page_renders_at_desktop_and_phone_width_and_is_saved_as_a_screenshot()
    {
        var id = await server.CreateCampaignAsync("screens", new
        {
            schedule = new { time_zone_id = "Asia/Shanghai", windows = new[] { new { day = "monday", start = "09:00:00", end = "21:00:00" } } },
            caller_numbers = new[] { new { id = "n1", number = "+861062345678", area_code = "010", daily_cap = 200 } },
            agent_ids = new[] { "agent-1", "agent-2" },
        });
        await server.UploadAndImportAsync(id, "phone,name\n13800138000,王伟\n13900139000,李娜\n12,bad\n"u8.ToArray(), "l.csv");

        var pages = new[] { ("campaigns", "#/campaigns", "[data-testid=campaigns] tbody tr[data-campaign-id]"),
            ("campaign", $"#/campaigns/{id}", "[data-testid=outcome-chart], #c-outcomes p"),
            ("upload", "#/upload", "[data-testid=drop-zone]"), ("agents", "#/agents", "[data-agent]"),
            ("numbers", "#/numbers", "tr[data-number]"), ("dnc", "#/dnc", "#d-total:not(:empty)") };
        foreach (var (width, height, locale) in new[] { (1280, 800, "en-US"), (390, 844, "zh-CN") })
        {
            var page = await browser.NewPageAsync(server.Address, locale, width, height);
            foreach (var (name, hash, ready) in pages)
            {
                await page.GotoAsync(hash);
                await Assertions.Expect(page.Locator(ready).First).ToBeVisibleAsync();
                // Nothing may force a phone screen to scroll sideways: wide tables scroll inside their own panel.
                var overflow = await page.EvaluateAsync<int>("document.documentElement.scrollWidth - document.documentElement.clientWidth");
                Assert.True(overflow <= 0, $"{name} at {width}px is {overflow}px wider than the screen");
                await BrowserFixture.ScreenshotAsync(page, $"{name}-{width}");
            }
        }
    }
}
