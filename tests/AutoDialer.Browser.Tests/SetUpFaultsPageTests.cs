using AutoDialer.AspNetCore.Tests;
using AutoDialer.Core.Campaigns;
using AutoDialer.Core.Dispatch;
using AutoDialer.Dialing.Telephony;
using AutoDialer.Dialing.Tests;
using AutoDialer.Testing;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace AutoDialer.Browser.Tests;

/// <summary>
/// "Why isn't it dialling?" on the campaign page shows each set-up fault with what to do and a link to the settings
/// section that fixes it; the link opens that section. A server with a Udesk account, on a clock the test sets.
/// </summary>
[Collection("browser")]
[Trait("Category", "Browser")]
public sealed class SetUpFaultsPageTests(PostgresFixture postgres, BrowserFixture browser)
{
    private static readonly TimeSpan Shanghai = TimeSpan.FromHours(8);

    private static readonly Dictionary<string, string?> Udesk = new()
    {
        ["AutoDialer:Bridge:SigningKey"] = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray()),
        ["AutoDialer:Udesk:AccountId"] = "udesk",
        ["AutoDialer:Udesk:AppId"] = "app-faults",
        ["AutoDialer:Udesk:AppSecret"] = "udesk-secret-faults",
        ["AutoDialer:Udesk:Domain"] = "wss://udesk.invalid/ws",
        ["AutoDialer:Udesk:HttpDomain"] = "https://udesk.invalid/backend",
    };

    public static TheoryData<string, string, string, string> Faults() => new()
    {
        // fault, settings section, the clock (Shanghai), words the page shows (English)
        { "no_agents_assigned", "agents", "2026-06-10T10:00", "No agents assigned" },
        { "provider_account_not_configured", "provider", "2026-06-10T10:00", "Provider account \"meiqia\" is not configured on this installation" },
        { "provider_circuit_open", "provider", "2026-06-10T10:00", "dispatch for \"udesk\" is paused" },
        { "no_agent_connected", "agents", "2026-06-10T10:00", "None of its 2 agents has a workbench page connected" },
        { "agents_not_ready", "agents", "2026-06-10T10:00", "on a break: 1" },
        { "no_caller_numbers", "numbers", "2026-06-10T10:00", "No caller numbers for the rotation \"Least used today\"" },
        { "outside_window", "windows", "2026-06-10T22:00", "Outside the calling window; next opening" },
        { "blackout", "blackout", "2026-06-10T10:00", "Today is a blackout date" },
        { "holiday", "holidays", "2026-10-02T10:00", "Public holiday: National Day" },
        { "holiday_calendar_ending", "holidays", "2026-12-06T10:00", "The holiday calendar has no data after 2026-12-31" },
    };

    [Theory]
    [MemberData(nameof(Faults))]
    public async Task Each_set_up_fault_is_shown_with_what_to_do_and_a_link_to_the_section_that_fixes_it(string fault, string section, string at, string words)
    {
        var clock = new ManualTimeProvider(new DateTimeOffset(DateTime.Parse(at, System.Globalization.CultureInfo.InvariantCulture), Shanghai));
        await using var server = await ApiServer.StartAsync(postgres, Udesk, s => s.AddSingleton<TimeProvider>(clock));
        await server.Services.GetRequiredService<ProviderAccountHeartbeat>().AnnounceAsync(CancellationToken.None);
        var id = await SetUpAsync(server, clock, fault);

        var page = await browser.NewPageAsync(server.Address);
        var problems = await PageProblems.WatchAsync(page);
        await page.GotoAsync($"#/campaigns/{id}");

        var shown = page.GetByTestId("faults").Locator($"[data-fault={fault}]");
        await Assertions.Expect(shown).ToContainTextAsync(words);
        var fix = shown.GetByTestId($"fix-{fault}");
        await Assertions.Expect(fix).ToHaveAttributeAsync("href", $"#/campaigns/{id}/settings?section={section}");
        await BrowserFixture.ScreenshotAsync(page, $"fault-{fault}");

        await fix.ClickAsync();
        await Assertions.Expect(page.Locator($"[data-section={section}].settings-section")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex(@"\bfocus\b"));
        if (fault == "holiday_calendar_ending")
            await Assertions.Expect(page.GetByTestId("calendar-warning")).ToContainTextAsync("no data after 2026-12-31");
        Assert.Empty(await problems.AllAsync());
    }

    private static async Task<long> SetUpAsync(ApiServer server, ManualTimeProvider clock, string fault)
    {
        var settings = DialingRig.Settings(["1001", "1002"]) with { ProviderAccount = "udesk", Schedule = CallingSchedule.Default("Asia/Shanghai") };
        var ready = true;
        switch (fault)
        {
            case "no_agents_assigned": settings = settings with { AgentIds = [] }; break;
            case "provider_account_not_configured": settings = settings with { ProviderAccount = "meiqia" }; break;
            case "no_agent_connected": ready = false; break;
            case "no_caller_numbers": settings = settings with { CallerNumbers = [], Rotation = new RotationPolicy { Kind = RotationKind.LeastUsed } }; break;
            case "blackout":
                settings = settings with { Schedule = settings.Schedule with { BlackoutDates = [DateOnly.FromDateTime(clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).DateTime)] } };
                break;
            case "holiday" or "holiday_calendar_ending": settings = settings with { Schedule = settings.Schedule with { HolidayCalendarId = "cn" } }; break;
        }

        var id = await DialingRig.CreateRunningCampaignAsync(server.Db, $"faults-{fault}", 2, settings);
        var now = clock.GetUtcNow().UtcDateTime;
        await using var connection = await server.Db.OpenConnectionAsync();
        if (ready || fault == "agents_not_ready")
        {
            await connection.ExecuteAsync("""
                insert into bridge_sessions (provider_account, agent_id, node, session_id, connected_at, last_seen_at, unavailable_reason, expires_at)
                values ('udesk', '1001', 'node-b', gen_random_uuid(), @now, @now, @reason, @expires)
                """, new { now, reason = fault == "agents_not_ready" ? "on-break" : "", expires = now.AddMinutes(5) });
        }
        if (fault == "provider_circuit_open")
        {
            await connection.ExecuteAsync("""
                insert into dialer_accounts (provider_account, node, provider, bridge, circuit_open, circuit_reason, seen_at, expires_at)
                values ('udesk', 'node-b', 'udesk', true, true, 'make-call circuit Open: the provider keeps failing, dispatch paused', @now, @expires)
                """, new { now, expires = now.AddMinutes(5) });
        }
        return id;
    }
}
