using System.Text.Json;
using AutoDialer.Bridge.Tests.Support;
using AutoDialer.Core.Agents;
using AutoDialer.Core.Campaigns;
using AutoDialer.Core.Dispositions;
using AutoDialer.Core.Preview;
using AutoDialer.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace AutoDialer.Bridge.Tests;

/// <summary>
/// The agent side of the bridge protocol on the wire (a page reduced to its WebSocket, <see cref="SocketPage"/>) against the
/// real host and engine on PostgreSQL and a manual clock: <c>offer</c> / <c>request preview</c> / <c>offer-ended</c>,
/// <c>request disposition</c> refused <c>too_late</c> after the window with nothing stored, and <c>request callbacks</c>
/// answering with the page's own agent's callbacks only.
/// </summary>
[Collection("postgres")]
public sealed class PageRequestProtocolTests(PostgresFixture postgres, BrowserFixture browsers)
{
    private static readonly TimeSpan AcceptFor = TimeSpan.FromMinutes(30);

    [Fact]
    public async Task A_disposition_after_the_window_is_refused_too_late_and_stores_nothing_one_at_its_end_is_taken()
    {
        await using var journey = await JourneyHost.StartAsync(postgres, browsers);
        var campaign = await journey.CampaignAsync(["1001"], s => s with { Dispositions = s.Dispositions with { AcceptFor = AcceptFor } },
            "13800000901", "13800000902");
        var (onTime, late) = (await SettledCallAsync(journey, campaign, "+8613800000901", "1001"), await SettledCallAsync(journey, campaign, "+8613800000902", "1001"));
        await using var page = await SocketPage.ConnectAsync(journey.Host, "1001");

        journey.AdvanceTo(JourneyHost.Start + AcceptFor);
        var taken = await RequestAsync(page, "r1", "disposition", new { attemptId = onTime.ToString(System.Globalization.CultureInfo.InvariantCulture), code = "success" });
        journey.AdvanceTo(JourneyHost.Start + AcceptFor + TimeSpan.FromSeconds(1));
        var refused = await RequestAsync(page, "r2", "disposition", new { attemptId = late.ToString(System.Globalization.CultureInfo.InvariantCulture), code = "success" });

        Assert.True(taken.GetProperty("ok").GetBoolean(), taken.GetRawText());
        Assert.False(refused.GetProperty("ok").GetBoolean(), refused.GetRawText());
        Assert.Equal("too_late", refused.GetProperty("error").GetProperty("code").GetString());
        Assert.Equal(0, await JourneyHost.ScalarAsync(journey.Database, "select count(*) from attempts where id = $1 and (disposition_code is not null or disposed_at is not null)", late));
        Assert.Equal(1, await JourneyHost.ScalarAsync(journey.Database,
            "select count(*) from contacts where campaign_id = $1 and phone = '+8613800000902' and last_disposition is null and state = 'done'", campaign));
        Assert.Equal(1, await JourneyHost.ScalarAsync(journey.Database, "select count(*) from attempts where id = $1 and disposition_code = 'success'", onTime));
    }

    [Fact]
    public async Task The_callbacks_a_page_is_sent_are_its_own_agent_s_not_another_agent_s_nor_the_same_agent_id_s_on_another_account()
    {
        await using var journey = await JourneyHost.StartAsync(postgres, browsers);
        var campaign = await journey.CampaignAsync(["1001", "1002"], s => s, "13800000901", "13800000902");
        var meiqia = await journey.CampaignAsync(["1001"], s => s with { ProviderAccount = BridgeHost.MeiqiaAccount }, "13800000903");
        var mine = await SettledCallAsync(journey, campaign, "+8613800000901", "1001");
        var theirs = await SettledCallAsync(journey, campaign, "+8613800000902", "1002");
        var namesake = await SettledCallAsync(journey, meiqia, "+8613800000903", "1001", BridgeHost.MeiqiaAccount);
        await using var page = await SocketPage.ConnectAsync(journey.Host, "1001");
        await using var other = await SocketPage.ConnectAsync(journey.Host, "1002");
        var desk = journey.Host.Services.GetRequiredService<IAgentDesk>();
        var namesakeAnswer = await desk.RecordDispositionAsync(BridgeHost.MeiqiaAccount, "1001",
            new DispositionRequest(namesake, "call_back", JourneyHost.Start.AddHours(1), null), CancellationToken.None);
        Assert.True(namesakeAnswer.Accepted, namesakeAnswer.Message);

        Assert.True((await RequestAsync(page, "r1", "disposition", new { attemptId = Id(mine), code = "call_back", callbackAt = "2026-12-07T05:00:00Z" }))
            .GetProperty("ok").GetBoolean());
        Assert.True((await RequestAsync(other, "r1", "disposition", new { attemptId = Id(theirs), code = "call_back", callbackAt = "2026-12-07T04:00:00Z" }))
            .GetProperty("ok").GetBoolean());
        var listed = await RequestAsync(page, "r2", "callbacks", new { });

        var callbacks = listed.GetProperty("value").GetProperty("callbacks").EnumerateArray().ToList();
        var only = Assert.Single(callbacks);
        Assert.Equal(await JourneyHost.ScalarAsync(journey.Database, "select contact_id from attempts where id = $1", mine), only.GetProperty("contactId").GetInt64());
        Assert.Equal("2026-12-07T05:00:00.000Z", only.GetProperty("at").GetString());
        Assert.Equal("13800000901", only.GetProperty("number").GetString());
        var theirList = (await RequestAsync(other, "r2", "callbacks", new { })).GetProperty("value").GetProperty("callbacks").EnumerateArray().ToList();
        Assert.Equal("13800000902", Assert.Single(theirList).GetProperty("number").GetString());
    }

    [Fact]
    public async Task An_offer_names_its_countdown_and_rules_a_skip_gives_the_contact_back_undialled_and_the_next_offer_follows()
    {
        await using var journey = await JourneyHost.StartAsync(postgres, browsers);
        var campaign = await journey.CampaignAsync(["1001"], s => s with
        {
            DialingMode = DialingMode.Preview,
            Preview = new PreviewPolicy { Timeout = TimeSpan.FromSeconds(20), OnTimeout = PreviewTimeoutAction.Skip, MaxSkipsPerAgentPerDay = 1 },
        }, "13800000901", "13800000902");
        await using var page = await SocketPage.ConnectAsync(journey.Host, "1001");

        await journey.DispatchAsync("1001");
        var first = await page.WaitForAsync("offer");
        Assert.Equal((JourneyHost.Start + TimeSpan.FromSeconds(20)).ToUnixTimeMilliseconds(), first.GetProperty("deadline").GetInt64());
        Assert.True(first.GetProperty("skipAllowed").GetBoolean());
        Assert.Equal("skip", first.GetProperty("onTimeout").GetString());
        Assert.Equal("13800000901", first.GetProperty("card").GetProperty("contact").GetProperty("number").GetString());
        var firstId = first.GetProperty("attemptId").GetString()!;
        Assert.Equal(firstId, first.GetProperty("card").GetProperty("attemptId").GetString());

        var unknown = await RequestAsync(page, "r1", "preview", new { attemptId = "999999", decision = "dial" });
        Assert.Equal("no_such_offer", unknown.GetProperty("error").GetProperty("code").GetString());
        var skip = await RequestAsync(page, "r2", "preview", new { attemptId = firstId, decision = "skip" });
        Assert.True(skip.GetProperty("ok").GetBoolean(), skip.GetRawText());
        Assert.Equal("skip", (await page.WaitForAsync("offer-ended", m => m.GetProperty("attemptId").GetString() == firstId)).GetProperty("answer").GetString());

        // The next contact, without a sweep; the day's one skip is spent.
        var second = await page.WaitForAsync("offer");
        Assert.Equal("13800000902", second.GetProperty("card").GetProperty("contact").GetProperty("number").GetString());
        Assert.False(second.GetProperty("skipAllowed").GetBoolean());
        var secondId = second.GetProperty("attemptId").GetString()!;
        var refused = await RequestAsync(page, "r3", "preview", new { attemptId = secondId, decision = "skip" });
        Assert.Equal("skip_not_allowed", refused.GetProperty("error").GetProperty("code").GetString());

        journey.AdvanceTo(JourneyHost.Start + TimeSpan.FromSeconds(20));
        Assert.Equal("timed-out", (await page.WaitForAsync("offer-ended", m => m.GetProperty("attemptId").GetString() == secondId)).GetProperty("answer").GetString());
        Assert.DoesNotContain(page.Seen, m => m.GetProperty("type").GetString() == "command");
        // Given back by the dispatcher once the page has heard the offer end.
        Assert.Equal(2, await RunningCampaign.UntilAsync(journey.Database, n => n == 2, TimeSpan.FromSeconds(20),
            "select count(*) from contacts where campaign_id = $1 and state = 'pending' and attempts = 0", campaign));
    }

    private static string Id(long id) => id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A call of <paramref name="agentId"/> to the contact, answered and hung up at <see cref="JourneyHost.Start"/>: the
    /// contact is done, as an answered call leaves it unless the agent says otherwise.</summary>
    private static Task<long> SettledCallAsync(JourneyHost journey, long campaign, string phone, string agentId, string account = BridgeHost.UdeskAccount) =>
        JourneyHost.ScalarAsync(journey.Database, """
            with a as (
                insert into attempts (campaign_id, contact_id, provider_account, agent_id, phone, dial_string, status, node, created_at, settled_at, outcome)
                select campaign_id, id, $3, $4, phone, phone, 'settled', 'test-node', $5, $5, 'answered' from contacts where campaign_id = $1 and phone = $2
                returning id, contact_id)
            update contacts c set attempts = 1, state = 'done' from a where c.id = a.contact_id returning a.id
            """, campaign, phone, account, agentId, JourneyHost.Start.UtcDateTime);

    private static async Task<JsonElement> RequestAsync(SocketPage page, string id, string method, object args)
    {
        await page.SendAsync(new { type = "request", id, method, args });
        return await page.WaitForAsync("reply", m => m.GetProperty("id").GetString() == id);
    }
}
