using AutoDialer.AspNetCore.Access;
using AutoDialer.AspNetCore.Tests;
using AutoDialer.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace AutoDialer.Browser.Tests;

/// <summary>The real Hangfire Dashboard, reached from another machine through AutoDialer's own sign-in.</summary>
[Collection("browser")]
[Trait("Category", "Browser")]
public sealed class HangfireDashboardTests(PostgresFixture postgres, BrowserFixture browser)
{
    private const string Password = "correct horse battery";

    [Fact]
    public async Task The_Hangfire_dashboard_opened_through_the_sign_in_shows_a_failed_import_s_exception()
    {
        await using var server = await ApiServer.StartAsync(postgres, new Dictionary<string, string?>
        {
            ["AutoDialer:Auth:Users:0:Name"] = "ops",
            ["AutoDialer:Auth:Users:0:PasswordHash"] = DashboardPasswords.Hash(Password),
            ["AutoDialer:Auth:ApiKeys:0"] = "browser-test-key",
        }, services => services.AddSingleton<IRequestLocality>(new DashboardSignIn.Remote()));
        server.Client.DefaultRequestHeaders.Add("X-Api-Key", "browser-test-key");
        var id = await server.CreateCampaignAsync("broken list");
        var upload = await server.UploadAndImportAsync(id, "name,city\nWang,Beijing\n"u8.ToArray(), "no-phone.csv");
        Assert.Equal("failed", upload.GetProperty("status").GetString());

        var page = await browser.NewPageAsync(server.Address);
        await page.GotoAsync("hangfire/jobs/failed");
        // Not signed in: AutoDialer's sign-in page, which returns to the dashboard.
        await Assertions.Expect(page.Locator("input[name=user]")).ToBeVisibleAsync();
        await DashboardSignIn.SubmitAsync(page, "ops", Password);

        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/hangfire/jobs/failed$"));
        await Assertions.Expect(page.Locator("body")).ToContainTextAsync("ContactListFormatException");
        await page.Locator("a.job-method").First.ClickAsync();
        await Assertions.Expect(page.Locator(".state-card-body, .exception").First).ToContainTextAsync("no phone column");
        await BrowserFixture.ScreenshotAsync(page, "hangfire-failed-import-1280");
    }
}
