using System.Text.Json;
using AutoDialer.AspNetCore.Tests;
using AutoDialer.Testing;
using Microsoft.Playwright;

namespace AutoDialer.Browser.Tests;

/// <summary>
/// The city a caller number is local to, edited on the campaign's settings page: a mobile number shows the city its
/// segment belongs to (libphonenumber's metadata) until the user sets one; the set province and city are stored as typed
/// and shown on the caller-numbers page; cleared, the number's own city is back.
/// </summary>
[Collection("browser")]
[Trait("Category", "Browser")]
public sealed class CallerNumberCityEditorTests(PostgresFixture postgres, BrowserFixture browser) : IAsyncLifetime
{
    private ApiServer server = null!;

    public async Task InitializeAsync() => server = await ApiServer.StartAsync(postgres);

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task A_city_set_in_the_editor_is_stored_and_shown_for_the_number_and_cleared_the_numbers_own_city_is_back()
    {
        // +8613912345678: a mobile of 江苏省常州市, by its segment.
        var id = await server.CreateCampaignAsync("cities", new
        {
            schedule = new { time_zone_id = "Asia/Shanghai", windows = new[] { new { day = "monday", start = "09:00:00", end = "21:00:00" } } },
            caller_numbers = new[] { new { id = "m1", number = "+8613912345678", daily_cap = 0 } },
        });
        var page = await browser.NewPageAsync(server.Address, locale: "zh-CN");
        var problems = await PageProblems.WatchAsync(page);
        var shown = page.Locator("tr[data-number='m1']");

        await page.GotoAsync("#/numbers");
        await Assertions.Expect(shown).ToContainTextAsync("常州市");

        await page.GotoAsync($"#/campaigns/{id}/settings");
        await Assertions.Expect(page.GetByTestId("number-city")).ToHaveValueAsync("");
        await page.GetByTestId("number-province").FillAsync("广东省");
        await page.GetByTestId("number-city").FillAsync("深圳市");
        await SaveAsync(page);

        var stored = Number(await server.GetJsonAsync($"api/campaigns/{id}"));
        Assert.Equal(("广东省", "深圳市"), (stored.GetProperty("province").GetString(), stored.GetProperty("city").GetString()));
        await page.GotoAsync("#/numbers");
        await Assertions.Expect(shown).ToContainTextAsync("深圳市");
        await Assertions.Expect(shown).Not.ToContainTextAsync("常州市");

        // Cleared: the number's own place again.
        await page.GotoAsync($"#/campaigns/{id}/settings");
        await Assertions.Expect(page.GetByTestId("number-city")).ToHaveValueAsync("深圳市");
        await page.GetByTestId("number-province").FillAsync("");
        await page.GetByTestId("number-city").FillAsync("");
        await SaveAsync(page);

        stored = Number(await server.GetJsonAsync($"api/campaigns/{id}"));
        Assert.Equal(JsonValueKind.Null, stored.GetProperty("city").ValueKind);
        await page.GotoAsync("#/numbers");
        await Assertions.Expect(shown).ToContainTextAsync("常州市");
        Assert.Empty(await problems.AllAsync());
    }

    private static async Task SaveAsync(IPage page)
    {
        await page.GetByTestId("settings-save").ClickAsync();
        await Assertions.Expect(page.GetByTestId("settings-saved")).Not.ToBeEmptyAsync();
    }

    private static JsonElement Number(JsonElement campaign) => campaign.GetProperty("settings").GetProperty("caller_numbers")[0];
}
