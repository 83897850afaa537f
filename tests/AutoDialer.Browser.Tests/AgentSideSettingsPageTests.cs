using System.Text.Json;
using AutoDialer.AspNetCore.Tests;
using AutoDialer.Testing;
using Microsoft.Playwright;

namespace AutoDialer.Browser.Tests;

/// <summary>
/// The agent's side in the campaign settings page: the dialing mode and preview, the dispositions, callbacks and the
/// attributes shown to agents are set by hand, a wrong code is refused beside its field, and what is stored is what
/// was entered; a campaign whose codes were set elsewhere keeps them when its page is saved.
/// </summary>
[Collection("browser")]
[Trait("Category", "Browser")]
public sealed class AgentSideSettingsPageTests(PostgresFixture postgres, BrowserFixture browser) : IAsyncLifetime
{
    private ApiServer server = null!;

    public async Task InitializeAsync() => server = await ApiServer.StartAsync(postgres);

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Theory]
    [InlineData("en-US")]
    [InlineData("zh-CN")]
    public async Task The_agent_s_side_is_set_on_the_settings_page_and_stored_as_entered(string locale)
    {
        var id = await server.CreateCampaignAsync($"agent-side {locale}");
        var page = await browser.NewPageAsync(server.Address, locale: locale);
        var problems = await PageProblems.WatchAsync(page);
        await page.GotoAsync($"#/campaigns/{id}/settings");
        var form = page.GetByTestId("settings-form");
        // The defaults are shown: progressive, one code per effect.
        await Assertions.Expect(page.GetByTestId("dialing-mode")).ToHaveValueAsync("progressive");
        var codes = page.GetByTestId("disposition-codes").Locator("tbody tr");
        await Assertions.Expect(codes).ToHaveCountAsync(6);

        await page.GetByTestId("dialing-mode").SelectOptionAsync("preview");
        await page.GetByTestId("preview-timeout").FillAsync("20");
        await page.GetByTestId("preview-on-timeout").SelectOptionAsync("skip");
        await page.GetByTestId("preview-max-skips").FillAsync("5");
        await page.GetByTestId("add-disposition").ClickAsync();
        var added = codes.Nth(6);
        await added.Locator("[name=code]").FillAsync("Promised Payment");
        await added.Locator("[name=label_zh]").FillAsync("承诺还款");
        await added.Locator("[name=label_en]").FillAsync("Promised to pay");
        await added.Locator("[name=effect]").SelectOptionAsync("retry_after");
        await added.Locator("[name=retry_after]").FillAsync("1440");
        await added.Locator("[name=complaint]").CheckAsync();
        await page.GetByTestId("accept-for").FillAsync("15");
        await page.GetByTestId("wait-in-wrap-up").CheckAsync();
        await page.GetByTestId("owner-grace").FillAsync("5");
        await page.GetByTestId("callback-extra-attempts").FillAsync("2");
        await page.GetByTestId("visible-attributes").FillAsync("plan, city");

        await page.GetByTestId("settings-save").ClickAsync();

        // The code's shape is refused beside the code's field; nothing stored.
        var error = form.Locator("[data-error-for='dispositions.codes[6].code']");
        await Assertions.Expect(error).ToContainTextAsync("is not a code");
        Assert.Equal("progressive", (await server.GetJsonAsync($"api/campaigns/{id}")).GetProperty("settings").GetProperty("dialing_mode").GetString());

        await added.Locator("[name=code]").FillAsync("promised_payment");
        await page.GetByTestId("settings-save").ClickAsync();
        await Assertions.Expect(page.GetByTestId("settings-saved")).Not.ToBeEmptyAsync();
        await Assertions.Expect(form.Locator(".field-error")).ToHaveCountAsync(0);

        var stored = (await server.GetJsonAsync($"api/campaigns/{id}")).GetProperty("settings");
        Assert.Equal("preview", stored.GetProperty("dialing_mode").GetString());
        var preview = stored.GetProperty("preview");
        Assert.Equal(("00:00:20", "skip", true, 5), (preview.GetProperty("timeout").GetString(), preview.GetProperty("on_timeout").GetString(),
            preview.GetProperty("skip_allowed").GetBoolean(), preview.GetProperty("max_skips_per_agent_per_day").GetInt32()));
        var dispositions = stored.GetProperty("dispositions");
        var last = dispositions.GetProperty("codes").EnumerateArray().Last();
        Assert.Equal(("promised_payment", "承诺还款", "Promised to pay", "retry_after", "1.00:00:00"), (last.GetProperty("code").GetString(),
            last.GetProperty("label_zh").GetString(), last.GetProperty("label_en").GetString(), last.GetProperty("effect").GetString(),
            last.GetProperty("retry_after").GetString()));
        Assert.Equal([false, false, false, false, false, false, true], dispositions.GetProperty("codes").EnumerateArray().Select(c => c.GetProperty("complaint").GetBoolean()));
        Assert.Equal(7, dispositions.GetProperty("codes").GetArrayLength());
        Assert.Equal(("00:15:00", true), (dispositions.GetProperty("accept_for").GetString(), dispositions.GetProperty("wait_in_wrap_up").GetBoolean()));
        var callbacks = stored.GetProperty("callbacks");
        Assert.Equal(("00:05:00", 2), (callbacks.GetProperty("owner_grace").GetString(), callbacks.GetProperty("extra_attempts").GetInt32()));
        Assert.Equal(["plan", "city"], stored.GetProperty("agent_visible_attributes").EnumerateArray().Select(e => e.GetString()));

        // Opened again and saved unchanged: nothing changes.
        await page.ReloadAsync();
        await Assertions.Expect(codes).ToHaveCountAsync(7);
        await Assertions.Expect(page.GetByTestId("dialing-mode")).ToHaveValueAsync("preview");
        await Assertions.Expect(page.GetByTestId("preview-timeout")).ToHaveValueAsync("20");
        await page.GetByTestId("settings-save").ClickAsync();
        await Assertions.Expect(page.GetByTestId("settings-saved")).Not.ToBeEmptyAsync();
        Assert.Equal(stored.GetRawText(), (await server.GetJsonAsync($"api/campaigns/{id}")).GetProperty("settings").GetRawText());
        await BrowserFixture.ScreenshotAsync(page, $"settings-agent-side-{locale}");
        Assert.Empty(await problems.AllAsync());
    }
}
