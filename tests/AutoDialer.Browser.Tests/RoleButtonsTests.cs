using AutoDialer.AspNetCore.Access;
using AutoDialer.AspNetCore.Jobs;
using AutoDialer.AspNetCore.Tests;
using AutoDialer.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Playwright;

namespace AutoDialer.Browser.Tests;

/// <summary>
/// The dashboard shows each role only what it may do: signed in as a viewer, no page has a start, pause, resume, cancel,
/// new-campaign, upload, do-not-call add/remove/upload or job button (the Hangfire Dashboard's included) and no audit
/// link; signed in as an admin, every one of them is there, and the audit page lists the sign-in.
/// </summary>
[Collection("browser")]
[Trait("Category", "Browser")]
public sealed class RoleButtonsTests(PostgresFixture postgres, BrowserFixture browser)
{
    private const string Password = "role buttons password";
    private const string Key = "role-buttons-key";
    private const string DraftName = "waiting";
    private const string RunningName = "calling";

    /// <summary>
    /// What a role that may change things gets, by page: each selector must be visible to an admin and absent for a viewer.
    /// A page's ready selector matches only that page's view: a hash change resolves before the router has replaced the
    /// view before it, so a selector the previous view also has (the other campaign's name, any view's <c>h1</c>) would
    /// let the checks run on the previous view (on a loaded machine: "ops #/campaigns/2: [data-testid=pause-2] missing").
    /// </summary>
    private static (string Hash, string Ready, string[] Controls)[] Pages(long draft, long running) =>
    [
        ("#/campaigns", $"tr[data-campaign-id='{running}']",
            [$"[data-testid=start-{draft}]", $"[data-testid=cancel-{draft}]", $"[data-testid=pause-{running}]", $"[data-testid=cancel-{running}]",
             "[data-testid=new-campaign-create]", "#nav a[data-view=upload]", "[data-testid=audit-link]"]),
        ($"#/campaigns/{draft}", $"[data-testid=campaign-name]:text-is('{DraftName}')", [$"[data-testid=start-{draft}]", $"[data-testid=cancel-{draft}]", "[data-testid=upload-list]"]),
        ($"#/campaigns/{running}", $"[data-testid=campaign-name]:text-is('{RunningName}')", [$"[data-testid=pause-{running}]", $"[data-testid=cancel-{running}]", "[data-testid=upload-list]"]),
        ($"#/upload?campaign={draft}", "#u-recent", ["[data-testid=drop-zone]", "label:has([data-testid=upload-file])"]),
        ("#/dnc", "#d-lookup", ["[data-testid=dnc-add]", "[data-testid=dnc-remove]", "label:has([data-testid=dnc-file])"]),
        ("#/agents", "[data-testid=agents]", []),
        ("#/numbers", "[data-testid=numbers]", []),
        ("hangfire/recurring", "h1", ["button[data-url$='/recurring/trigger']"]),
        ("hangfire/jobs/succeeded", "h1", ["button[data-url$='/jobs/succeeded/requeue']"]),
    ];

    [Fact]
    public async Task A_viewer_sees_no_button_for_what_it_may_not_do_on_any_page_and_an_admin_sees_them_all()
    {
        await using var server = await ApiServer.StartAsync(postgres, new Dictionary<string, string?>
        {
            ["AutoDialer:Auth:Users:0:Name"] = "ops",
            ["AutoDialer:Auth:Users:0:PasswordHash"] = DashboardPasswords.Hash(Password),
            ["AutoDialer:Auth:Users:1:Name"] = "watcher",
            ["AutoDialer:Auth:Users:1:PasswordHash"] = DashboardPasswords.Hash(Password),
            ["AutoDialer:Auth:Users:1:Role"] = "viewer",
            ["AutoDialer:Auth:ApiKeys:0"] = Key,
        }, services => services.AddSingleton<IRequestLocality>(new DashboardSignIn.Remote()));
        server.Client.DefaultRequestHeaders.Add("X-Api-Key", Key);
        var draft = await server.CreateCampaignAsync(DraftName);
        var running = await server.CreateCampaignAsync(RunningName);
        await server.PostJsonAsync($"api/campaigns/{running}/start", null, System.Net.HttpStatusCode.OK);
        await server.Services.GetServices<IHostedService>().OfType<RecurringJobSchedules>().Single().SyncAsync(CancellationToken.None);
        // A succeeded job, so that the Hangfire Dashboard's succeeded list has a requeue button to offer.
        await server.PostJsonAsync($"api/jobs/recurring/{JobPlan.OrphanedUploadsId}/trigger", null, System.Net.HttpStatusCode.Accepted);
        Assert.True((await server.Jobs.UntilFinishedAsync(JobPlan.OrphanedUploadsId, TimeSpan.FromSeconds(60)))[^1].Succeeded);

        foreach (var (user, admin) in new[] { ("watcher", false), ("ops", true) })
        {
            var page = await browser.NewPageAsync(server.Address);
            var problems = await PageProblems.WatchAsync(page);
            await DashboardSignIn.SignInAsync(page, user, Password);

            var wrong = new List<string>();
            foreach (var (hash, ready, controls) in Pages(draft, running))
            {
                await page.GotoAsync(hash);
                await Assertions.Expect(page.Locator(ready).First).ToBeAttachedAsync();
                // The view is drawn in one go once api/me is known: what is there now is what the role gets.
                await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
                foreach (var control in controls)
                {
                    var visible = await page.Locator(control).First.IsVisibleAsync();
                    if (visible != admin) wrong.Add($"{user} {hash}: {control} {(visible ? "shown" : "missing")}");
                }
                if (!admin)
                {
                    // Nothing on any view changes state for a viewer: no lifecycle button, no form that posts.
                    var anyCommand = await page.Locator("#view button[data-command], #view form#new-campaign, #view input[type=file]").CountAsync();
                    if (anyCommand > 0) wrong.Add($"{user} {hash}: {anyCommand} controls that change state");
                }
                await BrowserFixture.ScreenshotAsync(page, $"role-{user}-{hash.Replace('/', '_').Replace('#', '_').Replace('?', '_')}");
            }
            Assert.True(wrong.Count == 0, string.Join('\n', wrong));

            if (admin)
            {
                await page.GotoAsync("#/audit");
                await Assertions.Expect(page.Locator("tr[data-action=sign_in]").First).ToContainTextAsync("ops");
                await Assertions.Expect(page.Locator("tr[data-action=campaign_start]").First).ToContainTextAsync("api-key-1");
                await BrowserFixture.ScreenshotAsync(page, "role-ops-audit");
            }
            else
            {
                await page.GotoAsync("#/upload");
                await Assertions.Expect(page.GetByTestId("role-notice")).ToContainTextAsync("viewer");
            }
            Assert.Empty(await problems.AllAsync());
            await page.Context.CloseAsync();
        }
    }
}
