using AutoDialer.Core.Dispositions;
using AutoDialer.Dialing.Dispatch;
using AutoDialer.Testing;
using Dapper;

namespace AutoDialer.Dialing.Tests.Agents;

/// <summary>Dispositions through the engine on a real database: who may record one, until when, and what it does to the contact.</summary>
[Collection("postgres")]
public sealed class DispositionTests(PostgresFixture postgres)
{
    [Fact]
    public async Task A_disposition_is_accepted_for_the_agent_s_own_call_only()
    {
        var db = await postgres.CreateDatabaseAsync("disposition_own");
        await AgentSideRig.CampaignAsync(db, "own", contacts: 2, ["a1", "a2"]);
        await using var rig = await AgentSideRig.StartAsync(db, "a1", "a2");
        Assert.Equal(DispatchOutcome.Dialled, await rig.DispatchAsync("a1"));
        var call = rig.LastDialled("a1");
        await rig.HangUpAsync(call);

        var stranger = await rig.RecordAsync("a2", call, "success");
        var owner = await rig.RecordAsync("a1", call, "success");

        Assert.Equal(DispositionRefusal.NotYourAttempt, stranger.Refusal);
        Assert.True(owner.Accepted, owner.Message);
        await using var connection = await db.OpenConnectionAsync();
        Assert.Equal(("success", "final_success"), await connection.QuerySingleAsync<(string, string)>(
            "select disposition_code, disposition_effect from attempts where id = @call", new { call }));
        Assert.Equal("success", await connection.ExecuteScalarAsync<string>("select last_disposition from contacts where id = (select contact_id from attempts where id = @call)", new { call }));
        Assert.Equal(1, rig.Desk.Refused);
    }

    [Fact]
    public async Task A_disposition_is_accepted_until_the_configured_time_after_the_hang_up_and_not_after()
    {
        var db = await postgres.CreateDatabaseAsync("disposition_late");
        await AgentSideRig.CampaignAsync(db, "late", contacts: 2, ["a1"],
            s => s with { Dispositions = new DispositionPolicy { AcceptFor = TimeSpan.FromMinutes(10) } });
        await using var rig = await AgentSideRig.StartAsync(db, "a1");
        await rig.DispatchAsync("a1");
        var first = rig.LastDialled("a1");
        await rig.HangUpAsync(first);
        rig.Clock.Advance(TimeSpan.FromMinutes(10));
        Assert.True((await rig.RecordAsync("a1", first, "not_interested")).Accepted);
        await rig.DispatchAsync("a1");
        var second = rig.LastDialled("a1");
        await rig.HangUpAsync(second);

        rig.Clock.Advance(TimeSpan.FromMinutes(10) + TimeSpan.FromSeconds(1));
        var late = await rig.RecordAsync("a1", second, "not_interested");

        Assert.Equal(DispositionRefusal.TooLate, late.Refusal);
        await using var connection = await db.OpenConnectionAsync();
        Assert.Null(await connection.ExecuteScalarAsync<string>("select disposition_code from attempts where id = @second", new { second }));
    }

    [Fact]
    public async Task Do_not_call_puts_the_number_on_the_list_at_once_for_every_campaign()
    {
        var db = await postgres.CreateDatabaseAsync("disposition_dnc");
        var first = await AgentSideRig.CampaignAsync(db, "dnc-first", contacts: 1, ["a1"]);
        // The same numbers in another campaign, due there too.
        var second = await AgentSideRig.CampaignAsync(db, "dnc-second", contacts: 1, ["a9"]);
        await using var rig = await AgentSideRig.StartAsync(db, "a1");
        await rig.DispatchAsync("a1");
        var call = rig.LastDialled("a1");
        await rig.HangUpAsync(call);

        var answer = await rig.RecordAsync("a1", call, "do_not_call");

        Assert.True(answer.Accepted, answer.Message);
        Assert.Equal("suppressed", answer.ContactState);
        await using var connection = await db.OpenConnectionAsync();
        var phone = await connection.ExecuteScalarAsync<string>("select phone from attempts where id = @call", new { call });
        Assert.Equal(1, await connection.ExecuteScalarAsync<int>("select count(*) from dnc where phone = @phone", new { phone }));
        Assert.Equal([("suppressed", first), ("suppressed", second)],
            await connection.QueryAsync<(string, long)>("select state, campaign_id from contacts where phone = @phone order by campaign_id", new { phone }));
    }

    [Fact]
    public async Task Wrong_number_ends_the_contact_with_budget_left()
    {
        var db = await postgres.CreateDatabaseAsync("disposition_wrong");
        await AgentSideRig.CampaignAsync(db, "wrong", contacts: 1, ["a1"]);
        await using var rig = await AgentSideRig.StartAsync(db, "a1");
        await rig.DispatchAsync("a1");
        var call = rig.LastDialled("a1");
        // A no-answer would be retried; the agent says the number is wrong.
        await rig.HangUpAsync(call, Core.StoredWords.CallOutcome.NoAnswer);

        var answer = await rig.RecordAsync("a1", call, "wrong_number");

        Assert.Equal("done", answer.ContactState);
        await using var connection = await db.OpenConnectionAsync();
        Assert.Equal(("done", 1), await connection.QuerySingleAsync<(string, int)>("select state, attempts from contacts"));
        Assert.Equal(DispatchOutcome.NothingDue, await rig.DispatchAsync("a1"));
    }

    [Fact]
    public async Task A_callback_disposition_schedules_the_contact_at_the_time_asked_for_its_agent()
    {
        var db = await postgres.CreateDatabaseAsync("disposition_callback");
        await AgentSideRig.CampaignAsync(db, "callback", contacts: 1, ["a1"]);
        await using var rig = await AgentSideRig.StartAsync(db, "a1");
        await rig.DispatchAsync("a1");
        var call = rig.LastDialled("a1");
        await rig.HangUpAsync(call);
        var at = AgentSideRig.Start.AddHours(5);

        var answer = await rig.RecordAsync("a1", call, "call_back", at, "after the meeting");

        Assert.Equal(("pending", at), (answer.ContactState, answer.DueAt));
        await using var connection = await db.OpenConnectionAsync();
        var contact = await connection.QuerySingleAsync<(string state, DateTime next_due_at, DateTime callback_at, string callback_agent_id)>(
            "select state, next_due_at, callback_at, callback_agent_id from contacts");
        Assert.Equal(("pending", at.UtcDateTime, at.UtcDateTime, "a1"), contact);
        var listed = Assert.Single(await rig.Desk.CallbacksAsync(DialingRig.Account, "a1", CancellationToken.None));
        Assert.Equal((at, "a1", "after the meeting"), (listed.At, listed.OwnerAgentId, listed.Note));
    }
}
