using AutoDialer.Bridge.Tests.Support;
using AutoDialer.Core.Campaigns;
using AutoDialer.Core.Preview;
using AutoDialer.Dialing.Dispatch;
using AutoDialer.Testing;

namespace AutoDialer.Bridge.Tests;

/// <summary>
/// Preview mode from the agent's side, in Chromium on each vendor's sample workbench (Udesk's in Chinese, Meiqia's in
/// English), through the real bridge script and the dialing engine on PostgreSQL, on a manual clock: the card comes first
/// with its countdown; "skip" dials nothing and the page is offered the next contact at once; a countdown that runs out
/// dials or skips as the campaign says. Each asserts what the agent's phone (the stand-in call center behind the page)
/// received.
/// </summary>
[Collection("postgres")]
[Trait("Category", "Browser")]
public sealed class PreviewJourneyTests(PostgresFixture postgres, BrowserFixture browsers)
{
    private const string Agent = "1001";
    private const string First = "13800000901";
    private const string Second = "13800000902";
    private static readonly TimeSpan Countdown = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan SkippedDueAfter = TimeSpan.FromMinutes(15);

    private static Func<CampaignSettings, CampaignSettings> Preview(PreviewTimeoutAction onTimeout) => s => s with
    {
        DialingMode = DialingMode.Preview,
        Preview = new PreviewPolicy { Timeout = Countdown, OnTimeout = onTimeout, SkippedDueAfter = SkippedDueAfter },
    };

    [Theory]
    [InlineData("udesk", "^预览：[0-9]+ 秒后自动拨打$")]
    [InlineData("meiqia", "^Preview: dialling in [0-9]+ s$")]
    public async Task Skip_on_the_card_dials_nothing_and_the_next_contact_is_offered_at_once_and_dialled(string vendor, string countdown)
    {
        await using var journey = await JourneyHost.StartAsync(postgres, browsers, vendor);
        var campaign = await journey.CampaignAsync([Agent], Preview(PreviewTimeoutAction.Dial), First, Second);
        var page = await journey.OpenAsync(Agent);

        // The page's first idle event may have had the engine offer it already.
        await journey.DispatchAsync(Agent);
        await page.WaitForSelectorAsync("#card [data-card='offer'] [data-card='countdown']");
        Assert.Equal(First, await page.TextContentAsync("#card [data-card='number']"));
        // The countdown runs on the page's clock against the server's deadline: 30 s, less the real time since the offer.
        Assert.Matches(countdown, await page.TextContentAsync("#card [data-card='countdown']"));
        await page.ClickAsync("#card [data-card='skip']");

        // No sweep comes on this clock: the next offer is the dialer's answer to the skip.
        await page.WaitForSelectorAsync($"#card[data-state='offer'] [data-card='number']:text-is('{Second}')");
        Assert.Empty(await journey.MakeCallsAsync(page));
        await page.ClickAsync("#card [data-card='dial']");

        await journey.UntilMakeCallsAsync(page, 1);
        Assert.Equal([Second], (await journey.MakeCallsAsync(page)).Select(c => c.Number));
        // The skipped contact spent nothing, is due again after the campaign's pause, and the skip is the agent's.
        Assert.Equal(1, await JourneyHost.ScalarAsync(journey.Database,
            "select count(*) from contacts where campaign_id = $1 and phone = $2 and state = 'pending' and attempts = 0 and next_due_at = $3",
            campaign, "+86" + First, (JourneyHost.Start + SkippedDueAfter).UtcDateTime));
        Assert.Equal(1, await JourneyHost.ScalarAsync(journey.Database, "select coalesce(sum(skips), 0) from preview_skips where agent_id = $1", Agent));
    }

    [Theory]
    [InlineData("udesk", PreviewTimeoutAction.Dial)]
    [InlineData("udesk", PreviewTimeoutAction.Skip)]
    [InlineData("meiqia", PreviewTimeoutAction.Dial)]
    [InlineData("meiqia", PreviewTimeoutAction.Skip)]
    internal async Task A_countdown_that_runs_out_dials_or_skips_as_the_campaign_says(string vendor, PreviewTimeoutAction onTimeout)
    {
        await using var journey = await JourneyHost.StartAsync(postgres, browsers, vendor);
        var campaign = await journey.CampaignAsync([Agent], Preview(onTimeout), First, Second);
        var page = await journey.OpenAsync(Agent);
        // The page's first idle event may have had the engine offer it already.
        await journey.DispatchAsync(Agent);
        await page.WaitForSelectorAsync("#card [data-card='offer'] [data-card='countdown']");
        Assert.Equal(First, await page.TextContentAsync("#card [data-card='number']"));

        journey.AdvanceTo(JourneyHost.Start + Countdown - TimeSpan.FromSeconds(1));
        Assert.Equal("offer", await page.GetAttributeAsync("#card", "data-state"));
        journey.AdvanceTo(JourneyHost.Start + Countdown);

        if (onTimeout == PreviewTimeoutAction.Dial)
        {
            await journey.UntilMakeCallsAsync(page, 1);
            Assert.Equal([First], (await journey.MakeCallsAsync(page)).Select(c => c.Number));
        }
        else
        {
            // Skipped by the countdown: the next contact is offered, and the first was never dialled.
            await page.WaitForSelectorAsync($"#card[data-state='offer'] [data-card='number']:text-is('{Second}')");
            Assert.Empty(await journey.MakeCallsAsync(page));
            Assert.Equal(1, await JourneyHost.ScalarAsync(journey.Database,
                "select count(*) from contacts where campaign_id = $1 and phone = $2 and state = 'pending' and attempts = 0 and next_due_at = $3",
                campaign, "+86" + First, (JourneyHost.Start + Countdown + SkippedDueAfter).UtcDateTime));
        }

        // The countdown's end is not the agent's skip.
        Assert.Equal(0, await JourneyHost.ScalarAsync(journey.Database, "select coalesce(sum(skips), 0) from preview_skips where agent_id = $1", Agent));
    }
}
