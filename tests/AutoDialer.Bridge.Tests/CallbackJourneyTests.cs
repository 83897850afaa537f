using AutoDialer.Bridge.Tests.Support;
using AutoDialer.Core.Callbacks;
using AutoDialer.Dialing.Dispatch;
using AutoDialer.PostgreSql.DoNotCall;
using AutoDialer.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace AutoDialer.Bridge.Tests;

/// <summary>
/// Owned callbacks from the agent's side, in Chromium on each vendor's sample workbench (Udesk's in Chinese, Meiqia's in
/// English), through the real bridge script and the dialing engine on PostgreSQL, on a manual clock: the agent books "call
/// back at 15:00" on the contact card; at 15:00 the owner's phone is the one dialled; when the owner has logged off,
/// another agent's phone is dialled only once the grace is over; a number put on the do-not-call list meanwhile is never
/// dialled again. Each asserts what the agents' phones (the stand-in call center behind each page) received.
/// </summary>
[Collection("postgres")]
[Trait("Category", "Browser")]
public sealed class CallbackJourneyTests(PostgresFixture postgres, BrowserFixture browsers)
{
    private const string Owner = "1001";
    private const string Other = "1002";
    private const string Number = "13800000901";
    private static readonly DateTimeOffset At = JourneyHost.Start.AddHours(5); // 15:00 in Shanghai
    private static readonly TimeSpan Grace = TimeSpan.FromMinutes(10);

    [Theory]
    [InlineData("udesk")]
    [InlineData("meiqia")]
    public async Task A_callback_booked_on_the_card_for_15_00_rings_its_owner_at_15_00_and_not_another_agent_who_waited_longer(string vendor)
    {
        await using var journey = await JourneyHost.StartAsync(postgres, browsers, vendor);
        var (owner, other, campaign) = await BookedAsync(journey);

        journey.AdvanceTo(At.AddMinutes(-1));
        Assert.Equal([DispatchOutcome.NothingDue, DispatchOutcome.NothingDue], await journey.DispatchAsync(Other, Owner));
        journey.AdvanceTo(At);
        // The other agent, idle longest, comes first in the batch: the callback is still its owner's.
        Assert.Equal([DispatchOutcome.NothingDue, DispatchOutcome.Dialled], await journey.DispatchAsync(Other, Owner));

        await journey.UntilMakeCallsAsync(owner, 2);
        var calls = await journey.MakeCallsAsync(owner);
        Assert.Equal(2, calls.Count);
        Assert.Equal(Number, calls[1].Number);
        Assert.Empty(await journey.MakeCallsAsync(other));
        // The card says it is the callback the customer asked for.
        await owner.WaitForSelectorAsync($"#card[data-attempt='{calls[1].BizId}'] [data-card='callback']");
        Assert.Equal(1, await JourneyHost.ScalarAsync(journey.Database,
            "select count(*) from attempts where id = $1 and agent_id = $2 and created_at = $3",
            long.Parse(calls[1].BizId, System.Globalization.CultureInfo.InvariantCulture), Owner, At.UtcDateTime));
        Assert.Equal(2, await JourneyHost.ScalarAsync(journey.Database, "select count(*) from attempts where campaign_id = $1", campaign));
    }

    [Theory]
    [InlineData("udesk")]
    [InlineData("meiqia")]
    public async Task When_its_owner_has_logged_off_a_callback_rings_another_agent_only_after_the_grace(string vendor)
    {
        await using var journey = await JourneyHost.StartAsync(postgres, browsers, vendor);
        var (owner, other, _) = await BookedAsync(journey);
        await journey.CloseAsync(owner, Owner);

        journey.AdvanceTo(At);
        Assert.Equal([DispatchOutcome.NothingDue], await journey.DispatchAsync(Other));
        journey.AdvanceTo(At + Grace - TimeSpan.FromSeconds(1));
        Assert.Equal([DispatchOutcome.NothingDue], await journey.DispatchAsync(Other));
        Assert.Empty(await journey.MakeCallsAsync(other));

        journey.AdvanceTo(At + Grace);
        Assert.Equal([DispatchOutcome.Dialled], await journey.DispatchAsync(Other));

        await journey.UntilMakeCallsAsync(other, 1);
        var call = Assert.Single(await journey.MakeCallsAsync(other));
        Assert.Equal(Number, call.Number);
        await other.WaitForSelectorAsync($"#card[data-attempt='{call.BizId}'] [data-card='callback']");
        Assert.Equal(1, await JourneyHost.ScalarAsync(journey.Database, "select count(*) from attempts where id = $1 and agent_id = $2 and created_at = $3",
            long.Parse(call.BizId, System.Globalization.CultureInfo.InvariantCulture), Other, (At + Grace).UtcDateTime));
    }

    [Theory]
    [InlineData("udesk")]
    [InlineData("meiqia")]
    public async Task A_callback_whose_number_went_on_the_do_not_call_list_meanwhile_is_never_dialled_and_its_contact_says_suppressed(string vendor)
    {
        await using var journey = await JourneyHost.StartAsync(postgres, browsers, vendor);
        var (owner, other, campaign) = await BookedAsync(journey);
        Assert.Contains(Number, await owner.TextContentAsync("[data-card='callback-list']") ?? "");

        // The operator, at 11:00 (what POST /api/dnc does; this host maps the bridge, not the API).
        journey.AdvanceTo(JourneyHost.Start.AddHours(1));
        var added = await journey.Host.Services.GetRequiredService<DoNotCallList>().AddAsync([Number]);
        Assert.Equal(1, added.ContactsSuppressed);
        // At once, the owner's list of callbacks no longer has it.
        await owner.ClickAsync("[data-card='refresh-callbacks']");
        await Assertions.Expect(owner.Locator("[data-card='callback-list']")).Not.ToContainTextAsync(Number);

        journey.AdvanceTo(At);
        Assert.Equal([DispatchOutcome.NothingDue, DispatchOutcome.NothingDue], await journey.DispatchAsync(Other, Owner));
        journey.AdvanceTo(At + Grace + TimeSpan.FromHours(1));
        Assert.Equal([DispatchOutcome.NothingDue, DispatchOutcome.NothingDue], await journey.DispatchAsync(Other, Owner));

        Assert.Single(await journey.MakeCallsAsync(owner));
        Assert.Empty(await journey.MakeCallsAsync(other));
        Assert.Equal(1, await JourneyHost.ScalarAsync(journey.Database, "select count(*) from attempts where campaign_id = $1", campaign));
        Assert.Equal(1, await JourneyHost.ScalarAsync(journey.Database,
            "select count(*) from contacts c join dnc d on d.phone = c.phone where c.campaign_id = $1 and c.state = 'suppressed'", campaign));
    }

    /// <summary>
    /// The owner's page is dialled the contact at 10:00, the customer answers, and the agent books a callback at 15:00 on
    /// the card (Shanghai time, as the agent types it); the other agent's page is open too. Grace: 10 minutes.
    /// </summary>
    private static async Task<(IPage Owner, IPage Other, long Campaign)> BookedAsync(JourneyHost journey)
    {
        var campaign = await journey.CampaignAsync([Owner, Other], s => s with { Callbacks = new CallbackPolicy { OwnerGrace = Grace } }, Number);
        var owner = await journey.OpenAsync(Owner);
        await journey.DispatchAsync(Owner);
        await owner.WaitForSelectorAsync("#card [data-card='number']");
        // Opened once the contact is on the owner's phone, so the first call can only be the owner's.
        var other = await journey.OpenAsync(Other);
        var attemptId = long.Parse((await owner.GetAttributeAsync("#card", "data-attempt"))!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(1, await RunningCampaign.UntilAsync(journey.Database, n => n == 1, TimeSpan.FromSeconds(30),
            "select count(*) from attempts where id = $1 and status = 'settled' and outcome = 'answered'", attemptId));

        await owner.SelectOptionAsync("#card [data-card='code']", "call_back");
        await owner.FillAsync("#card [data-card='callback-at']", "2026-12-07T15:00");
        await owner.ClickAsync("#card [data-card='save']");
        await owner.WaitForSelectorAsync("#card [data-card='result'][data-ok='true']");
        await owner.WaitForSelectorAsync($"[data-card='callback-list'] li[data-contact]");

        Assert.Equal(1, await JourneyHost.ScalarAsync(journey.Database,
            "select count(*) from contacts where campaign_id = $1 and state = 'pending' and callback_at = $2 and callback_agent_id = $3",
            campaign, At.UtcDateTime, Owner));
        Assert.Single(await journey.MakeCallsAsync(owner));
        Assert.Empty(await journey.MakeCallsAsync(other));
        return (owner, other, campaign);
    }
}
