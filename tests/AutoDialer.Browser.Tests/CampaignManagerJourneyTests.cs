using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using AutoDialer.AspNetCore;
using AutoDialer.AspNetCore.Access;
using AutoDialer.AspNetCore.Tests;
using AutoDialer.Dialing.Telephony;
using AutoDialer.Simulation;
using AutoDialer.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static AutoDialer.Testing.XlsxBuilder;

namespace AutoDialer.Browser.Tests;

/// <summary>
/// What a new campaign manager does on their first day, in Chromium and with no JSON anywhere: signed in as a dashboard
/// user, they create a campaign, set it up on its settings page, upload a CSV and an .xlsx through the mapping step, start
/// it, watch the simulated call center's calls come in, pause it, read the day's report and find each of those actions
/// in the audit trail under their own name.
/// </summary>
[Collection("browser")]
[Trait("Category", "Browser")]
public sealed class CampaignManagerJourneyTests(PostgresFixture postgres, BrowserFixture browser) : IAsyncLifetime
{
    private const string User = "wang.fang";
    private const string Password = "campaign manager password";
    /// <summary>One of the simulated agents' trunk numbers (02161230001 in SimulatorOptions.NumberSources): a number not theirs is refused.</summary>
    private const string CallerNumber = "+862161230001";
    private static readonly string[] AgentIds = ["agent-001", "agent-002", "agent-003"];
    private ApiServer server = null!;

    public async Task InitializeAsync()
    {
        server = await ApiServer.StartAsync(postgres, new Dictionary<string, string?>
        {
            ["AutoDialer:Auth:Users:0:Name"] = User,
            ["AutoDialer:Auth:Users:0:PasswordHash"] = DashboardPasswords.Hash(Password),
            // The session is on the accelerated clock too: a week of it is hours of the test's wall clock.
            ["AutoDialer:Auth:SessionLifetime"] = "7.00:00:00",
            ["AutoDialer:Simulator:Agents"] = AgentIds.Length.ToString(CultureInfo.InvariantCulture),
            ["AutoDialer:Dialing:AgentSweepInterval"] = "00:00:30",
        },
        // `serve --simulate`'s simulated call center, on a clock 120× faster, seen from another address (so a sign-in is needed).
        services => services.AddSingleton<IRequestLocality>(new DashboardSignIn.Remote())
            .AddAutoDialerSimulator().AddAutoDialerAcceleratedClock(new AcceleratedTimeProvider(120)));
        // The provider accounts this installation serves, as its first heartbeat announces them.
        await server.Services.GetRequiredService<ProviderAccountHeartbeat>().AnnounceAsync(CancellationToken.None);
    }

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task A_campaign_manager_sets_up_fills_runs_pauses_and_reports_a_campaign_from_the_dashboard_and_the_audit_trail_names_them()
    {
        var page = await browser.NewPageAsync(server.Address);
        var problems = await PageProblems.WatchAsync(page);
        await DashboardSignIn.SignInAsync(page, User, Password);

        // "New campaign": a name, then its settings as the second step.
        await page.GetByTestId("new-campaign-name").FillAsync("Spring follow-up");
        await page.GetByTestId("new-campaign-create").ClickAsync();
        await Assertions.Expect(page.GetByTestId("new-campaign-step")).ToBeVisibleAsync();
        var id = long.Parse(Regex.Match(page.Url, @"#/campaigns/(\d+)/settings").Groups[1].Value, CultureInfo.InvariantCulture);

        // The simulator's account, three of its agents, one caller number.
        await Assertions.Expect(page.GetByTestId("provider-accounts").Locator("tr[data-account=simulator]")).ToBeVisibleAsync();
        await page.GetByTestId("provider-account").SelectOptionAsync("simulator");
        foreach (var agent in AgentIds)
        {
            await page.GetByTestId("agent-typed").FillAsync(agent);
            await page.GetByTestId("agent-add-typed").ClickAsync();
        }
        await Assertions.Expect(page.GetByTestId("agent-chip")).ToHaveCountAsync(AgentIds.Length);
        await page.GetByTestId("add-number").ClickAsync();
        var number = page.GetByTestId("caller-numbers").Locator("tbody tr").First;
        await number.Locator("[name=id]").FillAsync("shanghai-1");
        await number.Locator("[name=number]").FillAsync(CallerNumber);
        await number.Locator("[name=area_code]").FillAsync("021");
        await number.Locator("[name=daily_cap]").FillAsync("1000");

        // Windows: the whole day, every day, so the campaign dials whenever the test runs.
        var windows = page.GetByTestId("windows");
        foreach (var day in new[] { "monday", "saturday", "sunday" })
        {
            var window = windows.Locator($"tr[data-day={day}] [data-window]").First;
            await window.Locator("[name=start]").FillAsync("00:00");
            await window.Locator("[name=end]").FillAsync("24:00");
        }
        await page.GetByTestId("copy-monday").ClickAsync();
        await Assertions.Expect(windows.Locator("[data-window]")).ToHaveCountAsync(7);
        foreach (var day in new[] { "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday" })
            await Assertions.Expect(windows.Locator($"tr[data-day={day}] [name=end]")).ToHaveValueAsync("24:00");

        // Retry and caps.
        await page.GetByTestId("max-attempts").FillAsync("4");
        await page.GetByTestId("max-attempts-per-day").FillAsync("2");
        var outcomes = page.GetByTestId("retry-outcomes");
        await outcomes.Locator("tr[data-outcome=busy] [name=delay]").FillAsync("20");
        await outcomes.Locator("tr[data-outcome=no_answer] [name=delay]").FillAsync("60");
        await page.GetByTestId("caps-own").CheckAsync();
        await page.GetByTestId("cap-per_24_hours").FillAsync("3");
        await page.GetByTestId("cap-per_7_days").FillAsync("5");
        await page.GetByTestId("cap-per_caller_number_per_24_hours").FillAsync("2");
        await page.GetByTestId("settings-save").ClickAsync();

        // Saved: the campaign's page, showing what was set.
        await Assertions.Expect(page).ToHaveURLAsync(new Regex($@"#/campaigns/{id}$"));
        await Assertions.Expect(page.GetByTestId("settings-summary").Locator("[data-summary=provider]")).ToHaveTextAsync("simulator");

        // A CSV and an .xlsx, each through the mapping step.
        await page.GetByTestId("upload-list").ClickAsync();
        await Assertions.Expect(page.GetByTestId("upload-campaign")).ToHaveValueAsync(id.ToString(CultureInfo.InvariantCulture));
        await UploadAsync(page, "spring.csv", "text/csv", Csv(), firstPhone: "13810000000", accepted: "150");
        await UploadAsync(page, "spring.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", Xlsx(),
            firstPhone: "13920000000", accepted: "150");

        // Started, the simulated call center's calls appear on the campaign's page.
        await page.GotoAsync($"#/campaigns/{id}");
        var bar = page.GetByTestId("campaign-progress");
        await Assertions.Expect(bar).ToHaveAttributeAsync("aria-valuemax", "300");
        await page.GetByTestId($"start-{id}").ClickAsync();
        await Assertions.Expect(page.Locator("#c-state [data-state]")).ToHaveAttributeAsync("data-state", "running");
        await Assertions.Expect(bar).Not.ToHaveAttributeAsync("data-done", "0");
        var attempts = page.GetByTestId("attempts").Locator("tbody tr");
        await Assertions.Expect(attempts.First).ToContainTextAsync(new Regex("agent-00[1-3]"));
        await Assertions.Expect(attempts.First).ToContainTextAsync(CallerNumber);
        await BrowserFixture.ScreenshotAsync(page, "journey-running");

        await page.GetByTestId($"pause-{id}").ClickAsync();
        await Assertions.Expect(page.Locator("#c-state [data-state]")).ToHaveAttributeAsync("data-state", "paused");
        await Assertions.Expect(page.GetByTestId($"resume-{id}")).ToBeVisibleAsync();

        // The day's report: the calls just made, by agent and by caller number.
        await page.GetByTestId("open-report").ClickAsync();
        await Assertions.Expect(page.GetByTestId("report")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-total=dials]")).ToHaveTextAsync(new Regex(@"^[1-9][\d,]*$"));
        await Assertions.Expect(page.GetByTestId("report-agents")).ToContainTextAsync(new Regex("agent-00[1-3]"));
        await Assertions.Expect(page.GetByTestId("report-numbers")).ToContainTextAsync($"{CallerNumber} (shanghai-1)");
        await BrowserFixture.ScreenshotAsync(page, "journey-report");

        // The audit trail: each of those actions, under the signed-in user's name.
        await page.GetByTestId("audit-link").ClickAsync();
        var audit = page.GetByTestId("audit");
        foreach (var action in new[] { "campaign_create", "campaign_settings_change", "campaign_start", "campaign_pause" })
        {
            var entry = audit.Locator($"tr[data-action={action}]").Filter(new() { Has = page.Locator($"a[href='#/campaigns/{id}']") });
            await Assertions.Expect(entry).ToHaveCountAsync(1);
            await Assertions.Expect(entry.Locator("td").Nth(1)).ToContainTextAsync(User);
        }
        var settingsChange = audit.Locator("tr[data-action=campaign_settings_change]");
        // The change, field by field, as the form set it.
        await Assertions.Expect(settingsChange).ToContainTextAsync("agent_ids[2]: null → \"agent-003\"");
        await Assertions.Expect(settingsChange).ToContainTextAsync($"\"number\":\"{CallerNumber}\"");
        await Assertions.Expect(settingsChange).ToContainTextAsync("schedule.windows[6].start: \"09:00:00\" → \"00:00:00\"");
        await Assertions.Expect(settingsChange).ToContainTextAsync("retry.max_attempts: 3 → 4");
        await Assertions.Expect(settingsChange).ToContainTextAsync("\"per_24_hours\":3");
        foreach (var file in new[] { "spring.csv", "spring.xlsx" })
        {
            var upload = audit.Locator("tr[data-action=list_upload]").Filter(new() { HasText = file });
            await Assertions.Expect(upload).ToHaveCountAsync(1);
            await Assertions.Expect(upload.Locator("td").Nth(1)).ToContainTextAsync(User);
        }
        await BrowserFixture.ScreenshotAsync(page, "journey-audit");
        Assert.Empty(await problems.AllAsync());
    }

    /// <summary>Chooses the file on the upload page, checks the detected phone column, confirms it and waits for the import.</summary>
    private static async Task UploadAsync(IPage page, string name, string type, byte[] content, string firstPhone, string accepted)
    {
        await page.GetByTestId("upload-file").SetInputFilesAsync(new FilePayload { Name = name, MimeType = type, Buffer = content });
        await Assertions.Expect(page.GetByTestId("mapping-preview").Locator("tbody tr").First).ToContainTextAsync(firstPhone);
        await Assertions.Expect(page.GetByTestId("map-phone")).ToHaveValueAsync("0");
        await Assertions.Expect(page.GetByTestId("map-name")).ToHaveValueAsync("1");
        await page.GetByTestId("confirm-mapping").ClickAsync();
        await Assertions.Expect(page.Locator("[data-count=accepted]")).ToHaveTextAsync(accepted);
        await Assertions.Expect(page.Locator("[data-count=rejected]")).ToHaveTextAsync("0");
        await Assertions.Expect(page.GetByTestId("upload-status")).ToContainTextAsync("Imported");
    }

    private static byte[] Csv()
    {
        var list = new StringBuilder("phone,name\n");
        for (var i = 0; i < 150; i++) list.Append(CultureInfo.InvariantCulture, $"{13810000000 + i},客户{i}\n");
        return Encoding.UTF8.GetBytes(list.ToString());
    }

    private static byte[] Xlsx()
    {
        var book = new XlsxBuilder().Sheet("名单", "A1:B151");
        book.Row(1, book.Text("A1", "手机号"), book.Text("B1", "姓名"));
        for (var row = 2; row <= 151; row++)
            book.Row(row, Number($"A{row}", (13920000000 + row - 2).ToString(CultureInfo.InvariantCulture)), book.Text($"B{row}", $"顾客{row - 1}"));
        return book.ToBytes();
    }
}
