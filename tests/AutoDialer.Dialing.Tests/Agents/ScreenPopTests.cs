using AutoDialer.Dialing.Dispatch;
using AutoDialer.Testing;
using Dapper;

namespace AutoDialer.Dialing.Tests.Agents;

/// <summary>The screen pop: the agent's page is shown the contact before the call, with only what the campaign marks visible.</summary>
[Collection("postgres")]
public sealed class ScreenPopTests(PostgresFixture postgres)
{
    [Fact]
    public async Task The_card_carries_the_contact_and_only_the_attributes_the_campaign_marks_visible()
    {
        var db = await postgres.CreateDatabaseAsync("screen_pop");
        await AgentSideRig.CampaignAsync(db, "screen-pop", contacts: 1, ["a1"], s => s with { AgentVisibleAttributes = ["plan"] });
        await using (var connection = await db.OpenConnectionAsync())
            await connection.ExecuteAsync("""update contacts set attributes = '{"plan": "gold", "id_card": "110101199003070000"}'""");
        await using var rig = await AgentSideRig.StartAsync(db, "a1");

        Assert.Equal(DispatchOutcome.Dialled, await rig.DispatchAsync("a1"));

        var card = Assert.Single(rig.Cards["a1"]);
        Assert.Equal(rig.LastDialled("a1"), card.AttemptId);
        Assert.Equal(("screen-pop", "c0", "13800001000"), (card.CampaignName, card.ContactName, card.Number));
        Assert.Equal([new("plan", "gold")], card.Attributes.ToList());
        Assert.Equal((1, 3), (card.AttemptNumber, card.AttemptBudget));
        Assert.Empty(card.Earlier);
    }

    [Fact]
    public async Task A_later_attempt_s_card_shows_the_earlier_outcomes_and_dispositions()
    {
        var db = await postgres.CreateDatabaseAsync("screen_pop_earlier");
        await AgentSideRig.CampaignAsync(db, "screen-pop-earlier", contacts: 1, ["a1"]);
        await using var rig = await AgentSideRig.StartAsync(db, "a1");
        await rig.DispatchAsync("a1");
        var first = rig.LastDialled("a1");
        await rig.HangUpAsync(first);
        Assert.True((await rig.RecordAsync("a1", first, "try_later")).Accepted);
        rig.Clock.Advance(TimeSpan.FromHours(1));

        Assert.Equal(DispatchOutcome.Dialled, await rig.DispatchAsync("a1"));

        var card = rig.Cards["a1"][^1];
        Assert.Equal(2, card.AttemptNumber);
        var earlier = Assert.Single(card.Earlier);
        Assert.Equal(("answered", "try_later"), (earlier.Outcome, earlier.Disposition));
    }
}
