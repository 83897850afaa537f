using System.Text.Json;
using AutoDialer.AspNetCore.Tests;
using AutoDialer.Dialing.Telephony;
using AutoDialer.PostgreSql.Agents;
using AutoDialer.Testing;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace AutoDialer.Browser.Tests;

/// <summary>
/// A new campaign manager sets a campaign up from the dashboard alone, with no JSON: "New campaign", then its settings
/// page, every section filled by hand, a wrong value refused beside its field, and what is stored is what was entered.
/// </summary>
[Collection("browser")]
[Trait("Category", "Browser")]
public sealed class CampaignSettingsPageTests(PostgresFixture postgres, BrowserFixture browser) : IAsyncLifetime
{
    private ApiServer server = null!;

    public async Task InitializeAsync()
    {
        // A Udesk account (its agents connect through workbench pages), as a production node has one.
        server = await ApiServer.StartAsync(postgres, new Dictionary<string, string?>
        {
            ["AutoDialer:Bridge:SigningKey"] = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray()),
            ["AutoDialer:Udesk:AccountId"] = "udesk",
            ["AutoDialer:Udesk:AppId"] = "app-settings",
            ["AutoDialer:Udesk:AppSecret"] = "udesk-secret-settings",
            ["AutoDialer:Udesk:Domain"] = "wss://udesk.invalid/ws",
            ["AutoDialer:Udesk:HttpDomain"] = "https://udesk.invalid/backend",
        });
        await server.Services.GetRequiredService<ProviderAccountHeartbeat>().AnnounceAsync(CancellationToken.None);
        // Agent 1001's page is connected (on another node) and ready; the vendor listed 1002 too.
        await using var connection = await server.Db.OpenConnectionAsync();
        await connection.ExecuteAsync("""
            insert into bridge_sessions (provider_account, agent_id, node, session_id, connected_at, last_seen_at, unavailable_reason, expires_at)
            values ('udesk', '1001', 'node-b', gen_random_uuid(), now(), now(), '', now() + interval '1 hour')
            """);
        await server.Services.GetRequiredService<SeenAgents>().RecordVendorListAsync("udesk", ["1001", "1002"], DateTimeOffset.UtcNow, CancellationToken.None);
    }

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Theory]
    [InlineData("en-US")]
    [InlineData("zh-CN")]
    public async Task A_new_campaign_is_set_up_entirely_on_its_settings_page_and_stored_as_entered(string locale)
    {
        var page = await browser.NewPageAsync(server.Address, locale: locale);
        var problems = await PageProblems.WatchAsync(page);
        await page.GotoAsync("#/campaigns");

        // Step 1: a name and a zone.
        var name = $"春季回访 {locale}";
        await page.GetByTestId("new-campaign-name").FillAsync(name);
        await page.GetByTestId("new-campaign-create").ClickAsync();
        await Assertions.Expect(page.GetByTestId("new-campaign-step")).ToBeVisibleAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(@"#/campaigns/\d+/settings\?new=1$"));
        var id = long.Parse(System.Text.RegularExpressions.Regex.Match(page.Url, @"#/campaigns/(\d+)/").Groups[1].Value);
        var form = page.GetByTestId("settings-form");

        // Provider account: the one this installation serves, with its circuit and pages.
        await Assertions.Expect(page.GetByTestId("provider-accounts").Locator("tr[data-account=udesk]")).ToContainTextAsync("1 / 1");
        await page.GetByTestId("provider-account").SelectOptionAsync("udesk");

        // Agents: one picked from those seen, one typed.
        await page.GetByTestId("seen-agents").Locator("[data-add-agent='1001']").ClickAsync();
        await page.GetByTestId("agent-typed").FillAsync("2002");
        await page.GetByTestId("agent-add-typed").ClickAsync();
        await Assertions.Expect(page.GetByTestId("agent-chip")).ToHaveCountAsync(2);

        // Caller numbers: two rows, the second without an id of its own.
        await page.GetByTestId("add-number").ClickAsync();
        await page.GetByTestId("add-number").ClickAsync();
        var rows = page.GetByTestId("caller-numbers").Locator("tbody tr");
        await rows.Nth(0).Locator("[name=id]").FillAsync("trunk-1");
        await rows.Nth(0).Locator("[name=number]").FillAsync("+861062345678");
        await rows.Nth(0).Locator("[name=area_code]").FillAsync("010");
        await Assertions.Expect(rows.Nth(0).Locator("[data-city]")).ToHaveTextAsync(locale == "zh-CN" ? "北京" : "Beijing");
        await rows.Nth(0).Locator("[name=daily_cap]").FillAsync("200");
        await rows.Nth(1).Locator("[name=number]").FillAsync("+862161230001");
        await rows.Nth(1).Locator("[name=area_code]").FillAsync("021");

        // Windows: Monday 09:00–12:00 and 13:30–18:00, copied to Tuesday–Friday; no weekend.
        var windows = page.GetByTestId("windows");
        var monday = windows.Locator("tr[data-day=monday] [data-window]");
        await monday.Nth(0).Locator("[name=end]").FillAsync("12:00");
        await page.GetByTestId("add-window-monday").ClickAsync();
        await monday.Nth(1).Locator("[name=start]").FillAsync("13:30");
        await monday.Nth(1).Locator("[name=end]").FillAsync("18:00");
        await page.GetByTestId("copy-monday").ClickAsync();
        foreach (var day in new[] { "saturday", "sunday" })
            await windows.Locator($"tr[data-day={day}] [data-remove-window]").ClickAsync();
        await Assertions.Expect(windows.Locator("[data-window]")).ToHaveCountAsync(10);

        // A blackout date, and the national holidays with make-up working days on Monday's windows.
        await page.GetByTestId("add-blackout-date").ClickAsync();
        await page.GetByTestId("blackout-dates").Locator("input").FillAsync("2026-12-24");
        await page.GetByTestId("holiday-calendar").SelectOptionAsync("cn");
        await page.GetByTestId("make-up-follow").CheckAsync();
        await page.GetByTestId("make-up-day").SelectOptionAsync("monday");

        // Retry, caps, rotation, nightly batch: with a wrong budget first.
        await page.GetByTestId("max-attempts").FillAsync("0");
        await page.GetByTestId("max-attempts-per-day").FillAsync("2");
        var outcomes = page.GetByTestId("retry-outcomes");
        await outcomes.Locator("tr[data-outcome=busy] [name=delay]").FillAsync("15");
        await outcomes.Locator("tr[data-outcome=no_answer] [name=delay]").FillAsync("90");
        await page.GetByTestId("caps-own").CheckAsync();
        await page.GetByTestId("cap-per_24_hours").FillAsync("3");
        await page.GetByTestId("cap-per_7_days").FillAsync("6");
        await page.GetByTestId("cap-per_caller_number_per_24_hours").FillAsync("1");
        await page.GetByTestId("rotation-kind").SelectOptionAsync("local_presence");
        var rotation = form.Locator("[data-section=rotation]");
        await rotation.Locator("[name=cooldown]").FillAsync("2");
        await rotation.Locator("[name=daily_cap]").FillAsync("150");
        await rotation.Locator("[name=answer_rate_window]").FillAsync("30");
        await rotation.Locator("[name=min_answer_rate]").FillAsync("8");
        await rotation.Locator("[name=rest_for]").FillAsync("60");
        await rotation.Locator("[name=min_calls]").FillAsync("20");
        await rotation.Locator("[name=short_call_seconds]").FillAsync("4");
        await rotation.Locator("[name=max_short_call_share]").FillAsync("40");
        await rotation.Locator("[name=max_reject_share]").FillAsync("25");
        await rotation.Locator("[name=max_complaints]").FillAsync("0");
        await rotation.Locator("[name=max_wrong_numbers]").FillAsync("3");
        await page.GetByTestId("nightly-time").FillAsync("03:30");
        await Assertions.Expect(page.GetByTestId("nightly-cron")).ToHaveValueAsync("0 30 3 * * ?");

        await page.GetByTestId("settings-save").ClickAsync();

        // The server's 400, beside the field it names; nothing stored.
        var error = form.Locator("[data-error-for='retry.max_attempts']");
        await Assertions.Expect(error).ToContainTextAsync("Must be at least 1");
        await Assertions.Expect(page.GetByTestId("max-attempts")).ToHaveAttributeAsync("aria-invalid", "true");
        Assert.True(await error.EvaluateAsync<bool>("e => e.closest('[data-section]').dataset.section === 'retry'"));
        await BrowserFixture.ScreenshotAsync(page, $"settings-error-beside-field-{locale}");
        Assert.Empty((await server.GetJsonAsync($"api/campaigns/{id}")).GetProperty("settings").GetProperty("agent_ids").EnumerateArray());

        await page.GetByTestId("max-attempts").FillAsync("4");
        await page.GetByTestId("settings-save").ClickAsync();

        // Saved: the second step ends on the campaign's page, which shows what was set.
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($@"#/campaigns/{id}$"));
        await Assertions.Expect(page.GetByTestId("settings-summary").Locator("[data-summary=provider]")).ToHaveTextAsync("udesk");
        Assert.Empty(await problems.AllAsync());

        var stored = (await server.GetJsonAsync($"api/campaigns/{id}")).GetProperty("settings");
        Assert.Equal("udesk", stored.GetProperty("provider_account").GetString());
        Assert.Equal(["1001", "2002"], Strings(stored.GetProperty("agent_ids")));
        Assert.Equal([("trunk-1", "+861062345678", "010", 200), ("+862161230001", "+862161230001", "021", 0)],
            stored.GetProperty("caller_numbers").EnumerateArray().Select(n => (n.GetProperty("id").GetString(), n.GetProperty("number").GetString(),
                n.GetProperty("area_code").GetString(), n.GetProperty("daily_cap").GetInt32())));
        var schedule = stored.GetProperty("schedule");
        Assert.Equal("Asia/Shanghai", schedule.GetProperty("time_zone_id").GetString());
        var weekdays = new[] { "monday", "tuesday", "wednesday", "thursday", "friday" };
        Assert.Equal(weekdays.SelectMany(d => new[] { (d, "09:00:00", "12:00:00"), (d, "13:30:00", "18:00:00") }),
            schedule.GetProperty("windows").EnumerateArray().Select(w => (w.GetProperty("day").GetString()!, w.GetProperty("start").GetString()!, w.GetProperty("end").GetString()!)));
        Assert.Equal(["2026-12-24"], Strings(schedule.GetProperty("blackout_dates")));
        Assert.Equal(("cn", "monday"), (schedule.GetProperty("holiday_calendar").GetString(), schedule.GetProperty("make_up_workday_windows").GetString()));
        var retry = stored.GetProperty("retry");
        Assert.Equal((4, 2), (retry.GetProperty("max_attempts").GetInt32(), retry.GetProperty("max_attempts_per_day").GetInt32()));
        Assert.Equal(new Dictionary<string, string?>
            {
                ["busy"] = "00:15:00", ["no_answer"] = "01:30:00", ["rejected"] = "02:00:00", ["failed"] = "00:10:00", ["unknown"] = "00:30:00",
            },
            retry.GetProperty("delays").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()));
        Assert.Equal(["answered", "blacklisted", "invalid"], Strings(retry.GetProperty("final_outcomes")).Order());
        var caps = stored.GetProperty("frequency_caps");
        Assert.Equal((3, 6, 1), (caps.GetProperty("per_24_hours").GetInt32(), caps.GetProperty("per_7_days").GetInt32(),
            caps.GetProperty("per_caller_number_per_24_hours").GetInt32()));
        var kept = stored.GetProperty("rotation");
        Assert.Equal(("local_presence", "00:02:00", 150, 30, 0.08, "01:00:00"), (kept.GetProperty("kind").GetString(), kept.GetProperty("cooldown").GetString(),
            kept.GetProperty("daily_cap").GetInt32(), kept.GetProperty("answer_rate_window").GetInt32(), kept.GetProperty("min_answer_rate").GetDouble(),
            kept.GetProperty("rest_for").GetString()));
        var health = kept.GetProperty("health");
        Assert.Equal((20, 4, 0.4, 0.25, 0, 3), (health.GetProperty("min_calls").GetInt32(), health.GetProperty("short_call_seconds").GetInt32(),
            health.GetProperty("max_short_call_share").GetDouble(), health.GetProperty("max_reject_share").GetDouble(),
            health.GetProperty("max_complaints").GetInt32(), health.GetProperty("max_wrong_numbers").GetInt32()));
        Assert.Equal("0 30 3 * * ?", stored.GetProperty("nightly_batch_cron").GetString());

        // Opened again, the page shows what is stored, and saving it unchanged changes nothing.
        await page.GetByTestId("edit-settings").ClickAsync();
        await Assertions.Expect(page.GetByTestId("agent-chip")).ToHaveCountAsync(2);
        await Assertions.Expect(page.GetByTestId("max-attempts")).ToHaveValueAsync("4");
        await page.GetByTestId("settings-save").ClickAsync();
        await Assertions.Expect(page.GetByTestId("settings-saved")).Not.ToBeEmptyAsync();
        Assert.Equal(stored.GetRawText(), (await server.GetJsonAsync($"api/campaigns/{id}")).GetProperty("settings").GetRawText());
        await BrowserFixture.ScreenshotAsync(page, $"settings-page-{locale}");
        Assert.Empty(await problems.AllAsync());
    }

    private static string[] Strings(JsonElement array) => array.EnumerateArray().Select(e => e.GetString()!).ToArray();
}
