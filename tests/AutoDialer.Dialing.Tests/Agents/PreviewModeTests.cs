using AutoDialer.Core.Campaigns;
using AutoDialer.Core.Preview;
using AutoDialer.Dialing.Dispatch;
using AutoDialer.Testing;
using Dapper;

namespace AutoDialer.Dialing.Tests.Agents;

/// <summary>Preview mode through the engine on PostgreSQL: the card first, then the agent's dial, skip or the countdown's end as configured.</summary>
[Collection("postgres")]
public sealed class PreviewModeTests(PostgresFixture postgres)
{
    private static Func<CampaignSettings, CampaignSettings> Preview(PreviewPolicy policy) =>
        s => s with { DialingMode = DialingMode.Preview, Preview = policy };

    private static async Task<AgentSideRig> RigAsync(PostgresFixture postgres, string name, PreviewPolicy policy, int contacts = 1, params string[] agents)
    {
        var db = await postgres.CreateDatabaseAsync(name);
        agents = agents.Length == 0 ? ["a1"] : agents;
        await AgentSideRig.CampaignAsync(db, name, contacts, agents, Preview(policy));
        return await AgentSideRig.StartAsync(db, agents);
    }

    [Fact]
    public async Task The_agent_sees_the_card_first_and_dials()
    {
        await using var rig = await RigAsync(postgres, "preview_dial", new PreviewPolicy { Timeout = TimeSpan.FromSeconds(20) });
        rig.OfferAnswer = PreviewAnswer.Dial;

        Assert.Equal(DispatchOutcome.Offered, await rig.DispatchAsync("a1"));

        var offer = Assert.Single(rig.Offers["a1"]);
        Assert.Equal(DialingMode.Preview, offer.Card.Mode);
        Assert.Equal(AgentSideRig.Start.AddSeconds(20), offer.Deadline);
        Assert.Equal(offer.Card.AttemptId, Assert.Single(rig.Dialled["a1"]));
        await using var connection = await rig.Db.OpenConnectionAsync();
        Assert.Equal(("dialing", 1), await connection.QuerySingleAsync<(string, int)>("select state, attempts from contacts"));
        Assert.Equal("placed", await connection.ExecuteScalarAsync<string>("select status from attempts"));
    }

    [Fact]
    public async Task A_skip_gives_the_contact_back_unspent_due_later_and_counts_against_the_agent_s_day()
    {
        await using var rig = await RigAsync(postgres, "preview_skip", new PreviewPolicy { SkippedDueAfter = TimeSpan.FromMinutes(15) });
        rig.OfferAnswer = PreviewAnswer.Skip;

        Assert.Equal(DispatchOutcome.Offered, await rig.DispatchAsync("a1"));

        Assert.False(rig.Dialled.ContainsKey("a1"));
        await using var connection = await rig.Db.OpenConnectionAsync();
        var contact = await connection.QuerySingleAsync<(string state, int attempts, DateTime next_due_at)>("select state, attempts, next_due_at from contacts");
        Assert.Equal(("pending", 0, AgentSideRig.Start.AddMinutes(15).UtcDateTime), contact);
        Assert.Equal(0, await connection.ExecuteScalarAsync<int>("select count(*) from attempts"));
        Assert.Equal(1, await connection.ExecuteScalarAsync<int>("select skips from preview_skips where agent_id = 'a1'"));
    }

    [Fact]
    public async Task An_agent_may_skip_only_as_often_as_the_campaign_allows_and_may_not_skip_where_it_forbids()
    {
        await using var rig = await RigAsync(postgres, "preview_skip_limit",
            new PreviewPolicy { MaxSkipsPerAgentPerDay = 1, SkippedDueAfter = TimeSpan.FromHours(1) }, contacts: 2);
        rig.OfferAnswer = PreviewAnswer.Skip;
        await rig.DispatchAsync("a1");
        rig.OfferAnswer = PreviewAnswer.Dial;

        await rig.DispatchAsync("a1");

        Assert.Equal([true, false], rig.Offers["a1"].Select(o => o.SkipAllowed));

        await using var forbidding = await RigAsync(postgres, "preview_no_skip", new PreviewPolicy { SkipAllowed = false });
        await forbidding.DispatchAsync("a1");
        Assert.False(Assert.Single(forbidding.Offers["a1"]).SkipAllowed);
    }

    [Theory]
    [InlineData(PreviewTimeoutAction.Dial, true)]
    [InlineData(PreviewTimeoutAction.Skip, false)]
    internal async Task At_the_countdown_s_end_the_dialer_dials_or_skips_as_configured(PreviewTimeoutAction onTimeout, bool dialled)
    {
        await using var rig = await RigAsync(postgres, "preview_timeout_" + onTimeout.ToString().ToLowerInvariant(),
            new PreviewPolicy { OnTimeout = onTimeout, SkippedDueAfter = TimeSpan.FromMinutes(15) });
        rig.OfferAnswer = PreviewAnswer.TimedOut;

        await rig.DispatchAsync("a1");

        Assert.Equal(onTimeout, Assert.Single(rig.Offers["a1"]).OnTimeout);
        Assert.Equal(dialled, rig.Dialled.ContainsKey("a1"));
        await using var connection = await rig.Db.OpenConnectionAsync();
        Assert.Equal(dialled ? "dialing" : "pending", await connection.ExecuteScalarAsync<string>("select state from contacts"));
        // The countdown's skip is not the agent's.
        Assert.Equal(0, await connection.ExecuteScalarAsync<int>("select coalesce(sum(skips), 0)::int from preview_skips"));
    }

    [Fact]
    public async Task A_contact_offered_to_one_agent_is_not_offered_to_another_at_the_same_time()
    {
        await using var rig = await RigAsync(postgres, "preview_one_agent", new PreviewPolicy(), contacts: 1, "a1", "a2");
        var deciding = new TaskCompletionSource<PreviewAnswer>(TaskCreationOptions.RunContinuationsAsynchronously);
        rig.Deciding = deciding.Task;

        Assert.Equal(DispatchOutcome.Offered, await rig.DispatchLeavingOffersAsync("a1"));
        var second = await rig.DispatchLeavingOffersAsync("a2");
        deciding.SetResult(PreviewAnswer.Dial);
        await rig.Dispatcher.OffersEndedAsync().WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(DispatchOutcome.NothingDue, second);
        Assert.False(rig.Offers.ContainsKey("a2"));
        Assert.Single(rig.Dialled["a1"]);
    }
}
