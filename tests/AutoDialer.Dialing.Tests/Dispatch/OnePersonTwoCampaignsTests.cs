using AutoDialer.Core.StoredWords;
using AutoDialer.Core.Telephony;
using AutoDialer.Dialing.Dispatch;
using AutoDialer.Dialing.Settlement;
using AutoDialer.PostgreSql.Settlement;
using AutoDialer.Testing;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using NSubstitute;

namespace AutoDialer.Dialing.Tests.Dispatch;

/// <summary>
/// One person listed by two running campaigns is in one call at a time: while campaign A's call to a number is live
/// (leased, dialling, ringing or talking), campaign B does not lease a contact with that number; once A's call has
/// settled, B may call it.
/// </summary>
[Collection("postgres")]
public sealed class OnePersonTwoCampaignsTests(PostgresFixture postgres)
{
    [Fact]
    public async Task A_number_in_a_live_call_of_one_campaign_is_not_leased_by_another_until_that_call_settles()
    {
        var db = await postgres.CreateDatabaseAsync("one_person");
        // The same contact list (the same number) in two running campaigns, each with its own agent.
        await DialingRig.CreateRunningCampaignAsync(db, $"a-{Guid.NewGuid():N}", contacts: 1, DialingRig.Settings(["agent-a"]));
        await DialingRig.CreateRunningCampaignAsync(db, $"b-{Guid.NewGuid():N}", contacts: 1, DialingRig.Settings(["agent-b"]));
        var (a, b) = (AnsweringSession("agent-a"), AnsweringSession("agent-b"));
        var center = Substitute.For<ICallCenter>();
        center.AccountId.Returns(DialingRig.Account);
        center.FindSession("agent-a").Returns(a);
        center.FindSession("agent-b").Returns(b);
        await using var services = DialingRig.Services(db);
        var dispatcher = services.GetRequiredService<Dispatcher>();

        Assert.Equal([DispatchOutcome.Dialled], await dispatcher.DispatchAsync([new DispatchTrigger(center, "agent-a", DateTimeOffset.UtcNow)], CancellationToken.None));
        var whileTalking = await dispatcher.DispatchAsync([new DispatchTrigger(center, "agent-b", DateTimeOffset.UtcNow)], CancellationToken.None);

        Assert.Equal([DispatchOutcome.NothingDue], whileTalking);
        await using var connection = await db.OpenConnectionAsync();
        Assert.Equal(1, await connection.ExecuteScalarAsync<int>("select count(*) from attempts"));
        Assert.Equal(1, await connection.ExecuteScalarAsync<int>("select count(*) from contacts where state = 'pending'"));

        var first = await connection.ExecuteScalarAsync<long>("select id from attempts");
        await services.GetRequiredService<AttemptSettler>().SettleAsync(
            [new AttemptSettlement(first, CallOutcome.NoAnswer)], DateTimeOffset.UtcNow, CancellationToken.None);
        var afterwards = await dispatcher.DispatchAsync([new DispatchTrigger(center, "agent-b", DateTimeOffset.UtcNow)], CancellationToken.None);

        Assert.Equal([DispatchOutcome.Dialled], afterwards);
        Assert.Equal(2, await connection.ExecuteScalarAsync<int>("select count(distinct campaign_id) from attempts"));
    }

    private static IAgentSession AnsweringSession(string agentId)
    {
        var session = Substitute.For<IAgentSession>();
        session.AgentId.Returns(agentId);
        session.GetNumberPoolAndSpNumAsync(default, default).ReturnsForAnyArgs(VendorResult<NumberSourceList>.Success(new NumberSourceList([], null)));
        session.MakeCallAsync(default!, default).ReturnsForAnyArgs(call =>
            VendorResult<MakeCallAccepted>.Success(new MakeCallAccepted(call.Arg<MakeCallRequest>().BusinessId, "call-" + agentId)));
        return session;
    }
}
