using AutoDialer.Core.Callbacks;
using AutoDialer.Core.Campaigns;
using AutoDialer.Dialing.Dispatch;
using AutoDialer.PostgreSql.DoNotCall;
using AutoDialer.Testing;
using Dapper;

namespace AutoDialer.Dialing.Tests.Agents;

/// <summary>
/// Owned callbacks dialled by the engine on PostgreSQL with a manual clock: to the owner at the time asked, to any agent
/// after the grace, and never past the rules every call obeys (do-not-call, the window, the budget).
/// </summary>
[Collection("postgres")]
public sealed class OwnedCallbackTests(PostgresFixture postgres)
{
    private static readonly DateTimeOffset At = AgentSideRig.Start.AddHours(5); // 15:00 in Shanghai

    /// <summary>One contact answered by a1, who asked for a callback at 15:00; the clock left at <see cref="At"/> (less <paramref name="early"/>).</summary>
    private static async Task<(AgentSideRig Rig, long Campaign)> CallbackDueAsync(PostgresFixture postgres, string name,
        Func<CampaignSettings, CampaignSettings>? change = null, TimeSpan early = default)
    {
        var db = await postgres.CreateDatabaseAsync(name);
        var campaign = await AgentSideRig.CampaignAsync(db, name, contacts: 1, ["a1", "a2"],
            s => (change ?? (x => x))(s with { Callbacks = new CallbackPolicy { OwnerGrace = TimeSpan.FromMinutes(10) } }));
        var rig = await AgentSideRig.StartAsync(db, "a1", "a2");
        Assert.Equal(DispatchOutcome.Dialled, await rig.DispatchAsync("a1"));
        var call = rig.LastDialled("a1");
        await rig.HangUpAsync(call);
        var answer = await rig.RecordAsync("a1", call, "call_back", At);
        Assert.True(answer.Accepted, answer.Message);
        rig.Clock.Advance(At - early - rig.Clock.GetUtcNow());
        return (rig, campaign);
    }

    [Fact]
    public async Task A_callback_is_not_dialled_before_its_time()
    {
        var (rig, _) = await CallbackDueAsync(postgres, "callback_early", early: TimeSpan.FromMinutes(1)); // 14:59
        await using var owned = rig;

        Assert.Equal(DispatchOutcome.NothingDue, await rig.DispatchAsync("a1"));
    }

    [Fact]
    public async Task A_callback_for_15_00_is_dialled_to_its_owner_at_15_00_and_not_to_another_agent_within_the_grace()
    {
        var (rig, _) = await CallbackDueAsync(postgres, "callback_owner");
        await using var owned = rig;

        var other = await rig.DispatchAsync("a2");
        var owner = await rig.DispatchAsync("a1");

        Assert.Equal(DispatchOutcome.NothingDue, other);
        Assert.Equal(DispatchOutcome.Dialled, owner);
        Assert.Equal(2, rig.Dialled["a1"].Count);
        Assert.False(rig.Dialled.ContainsKey("a2"));
        var card = rig.Cards["a1"][^1];
        Assert.Equal(At, card.CallbackAt);
        await using var connection = await rig.Db.OpenConnectionAsync();
        var attempt = rig.LastDialled("a1");
        Assert.Equal("a1", await connection.ExecuteScalarAsync<string>("select callback_agent_id from attempts where id = @attempt", new { attempt }));
    }

    [Fact]
    public async Task With_its_owner_and_another_agent_idle_together_the_callback_goes_to_its_owner_though_the_other_waited_longer()
    {
        var (rig, _) = await CallbackDueAsync(postgres, "callback_together");
        await using var owned = rig;

        var outcomes = await rig.DispatchTogetherAsync("a2", "a1");

        Assert.Equal(DispatchOutcome.Dialled, outcomes[1]);
        Assert.Equal(2, rig.Dialled["a1"].Count);
        Assert.Equal(At, rig.Cards["a1"][^1].CallbackAt);
    }

    [Fact]
    public async Task After_the_grace_a_callback_whose_owner_is_away_goes_to_another_agent()
    {
        var (rig, _) = await CallbackDueAsync(postgres, "callback_grace");
        await using var owned = rig;
        rig.Clock.Advance(TimeSpan.FromMinutes(9));
        Assert.Equal(DispatchOutcome.NothingDue, await rig.DispatchAsync("a2"));

        rig.Clock.Advance(TimeSpan.FromMinutes(1));
        var other = await rig.DispatchAsync("a2");

        Assert.Equal(DispatchOutcome.Dialled, other);
        Assert.Single(rig.Dialled["a2"]);
    }

    [Fact]
    public async Task A_callback_whose_number_was_put_on_the_do_not_call_list_meanwhile_is_not_dialled()
    {
        var (rig, _) = await CallbackDueAsync(postgres, "callback_dnc");
        await using var owned = rig;
        await using var connection = await rig.Db.OpenConnectionAsync();
        var phone = await connection.ExecuteScalarAsync<string>("select phone from contacts");
        await new DoNotCallList(rig.Db).AddAsync([phone!]);

        Assert.Equal(DispatchOutcome.NothingDue, await rig.DispatchAsync("a1"));

        Assert.Single(rig.Dialled["a1"]);
        Assert.Equal("suppressed", await connection.ExecuteScalarAsync<string>("select state from contacts"));
    }

    [Fact]
    public async Task A_callback_due_outside_the_calling_window_waits_for_the_window_and_says_why()
    {
        // Open 09:00–12:00 in Shanghai: 15:00 is outside.
        var (rig, _) = await CallbackDueAsync(postgres, "callback_window", s => s with
        {
            Schedule = new CallingSchedule("Asia/Shanghai",
                Enum.GetValues<DayOfWeek>().Select(d => new CallingWindow(d, new TimeOnly(9, 0), new TimeOnly(12, 0))).ToArray()),
        });
        await using var owned = rig;

        Assert.Equal(DispatchOutcome.NothingDue, await rig.DispatchAsync("a1"));

        Assert.Single(rig.Dialled["a1"]);
        var listed = Assert.Single(await rig.Desk.CallbacksAsync(DialingRig.Account, "a1", CancellationToken.None));
        Assert.Equal("outside_window", listed.WaitReason);
    }

    [Fact]
    public async Task A_callback_past_its_extra_attempts_is_refused_by_the_budget()
    {
        // A budget of one: the first call spent it, and callbacks may use no extra attempt.
        var (rig, _) = await CallbackDueAsync(postgres, "callback_budget", s => s with
        {
            Retry = s.Retry with { MaxAttempts = 1, MaxAttemptsPerDay = 1 },
            Callbacks = s.Callbacks with { ExtraAttempts = 0 },
        });
        await using var owned = rig;

        Assert.Equal(DispatchOutcome.NothingDue, await rig.DispatchAsync("a1"));

        Assert.Single(rig.Dialled["a1"]);
        await using var connection = await rig.Db.OpenConnectionAsync();
        Assert.Equal(("done", "budget_exhausted"), await connection.QuerySingleAsync<(string, string)>("select state, wait_reason from contacts"));
    }

    [Fact]
    public async Task A_callback_may_use_the_campaign_s_extra_attempt_beyond_the_budget()
    {
        var (rig, _) = await CallbackDueAsync(postgres, "callback_extra", s => s with
        {
            Retry = s.Retry with { MaxAttempts = 1, MaxAttemptsPerDay = 1 },
            Callbacks = s.Callbacks with { ExtraAttempts = 1 },
        });
        await using var owned = rig;

        Assert.Equal(DispatchOutcome.Dialled, await rig.DispatchAsync("a1"));
    }
}
