using System.Threading.Channels;
using AutoDialer.Core.Campaigns;
using AutoDialer.Core.Events;
using AutoDialer.Core.Telephony;
using AutoDialer.Dialing.Dispatch;
using AutoDialer.PostgreSql.Campaigns;
using AutoDialer.PostgreSql.DoNotCall;
using AutoDialer.Testing;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using NSubstitute;

namespace AutoDialer.Dialing.Tests.Dispatch;

/// <summary>
/// The gate's second check: whatever changes while the trunk is being selected on the agent (which can take tens of
/// seconds with retries) is seen before make-call, and a refused lease gives the contact its attempt back.
/// </summary>
[Collection("postgres")]
public sealed class SecondGateCheckTests(PostgresFixture postgres)
{
    public static TheoryData<string> Changes() => ["pause", "cancel", "do-not-call", "budget lowered"];

    [Theory]
    [MemberData(nameof(Changes))]
    public async Task A_change_made_while_the_trunk_is_selected_stops_the_call_and_gives_the_attempt_back(string change)
    {
        var db = await postgres.CreateDatabaseAsync("second_check");
        // Two caller numbers on two trunks, so the lease's number needs a trunk selected first.
        var campaignId = await DialingRig.CreateRunningCampaignAsync(db, $"second-{Guid.NewGuid():N}", contacts: 1, DialingRig.Settings(["agent-1"]));
        var trunkSelecting = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var trunkMayFinish = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var session = Substitute.For<IAgentSession>();
        session.AgentId.Returns("agent-1");
        session.GetNumberPoolAndSpNumAsync(NumberSourceType.TrunkNumber, Arg.Any<CancellationToken>()).Returns(VendorResult<NumberSourceList>.Success(new NumberSourceList(
            [new NumberSource(NumberSourceType.TrunkNumber, "t1", "trunk 1", ["02161230001"]), new NumberSource(NumberSourceType.TrunkNumber, "t2", "trunk 2", ["02161230002"])],
            null)));
        session.SetSpNumberPoolNumAsync(NumberSourceType.TrunkNumber, Arg.Any<string>(), Arg.Any<CancellationToken>()).Returns(async _ =>
        {
            trunkSelecting.TrySetResult();
            await trunkMayFinish.Task;
            return VendorResult.Success();
        });
        session.MakeCallAsync(default!, default).ReturnsForAnyArgs(call => VendorResult<MakeCallAccepted>.Success(new MakeCallAccepted(call.Arg<MakeCallRequest>().BusinessId, "call-1")));
        var center = Substitute.For<ICallCenter>();
        center.AccountId.Returns(DialingRig.Account);
        center.FindSession("agent-1").Returns(session);
        center.Events.Returns(Channel.CreateUnbounded<CallCenterEvent>().Reader);
        await using (var before = await db.OpenConnectionAsync())
            await before.ExecuteAsync("update contacts set attempts = 1"); // one attempt made on an earlier day
        await using var services = DialingRig.Services(db);
        var dispatcher = services.GetRequiredService<Dispatcher>();

        var dispatching = dispatcher.DispatchAsync([new DispatchTrigger(center, "agent-1", DateTimeOffset.UtcNow)], CancellationToken.None);
        await trunkSelecting.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await ChangeAsync(db, campaignId, change);
        trunkMayFinish.SetResult();
        var outcomes = await dispatching;

        Assert.Equal([DispatchOutcome.Refused], outcomes);
        await session.DidNotReceiveWithAnyArgs().MakeCallAsync(default!, default);
        await using var connection = await db.OpenConnectionAsync();
        var contact = await connection.QuerySingleAsync<(string state, int attempts, int attempts_today)>("select state, attempts, attempts_today from contacts");
        Assert.Equal((1, 0), (contact.attempts, contact.attempts_today));
        Assert.NotEqual("dialing", contact.state);
        Assert.Equal(0, await connection.ExecuteScalarAsync<int>("select count(*) from attempts"));
        Assert.Equal(0, await connection.ExecuteScalarAsync<int>("select count(*) from callee_dials"));
        Assert.Equal(1, await connection.ExecuteScalarAsync<int>("select coalesce(sum(refusals), 0)::int from dial_gate_refusals where stage = 'dial'"));
    }

    [Fact]
    public async Task Nothing_changed_the_call_is_placed()
    {
        var db = await postgres.CreateDatabaseAsync("second_check_ok");
        await DialingRig.CreateRunningCampaignAsync(db, $"second-{Guid.NewGuid():N}", contacts: 1, DialingRig.Settings(["agent-1"]));
        var session = Substitute.For<IAgentSession>();
        session.AgentId.Returns("agent-1");
        session.GetNumberPoolAndSpNumAsync(default, default).ReturnsForAnyArgs(VendorResult<NumberSourceList>.Success(new NumberSourceList([], null)));
        session.MakeCallAsync(default!, default).ReturnsForAnyArgs(call => VendorResult<MakeCallAccepted>.Success(new MakeCallAccepted(call.Arg<MakeCallRequest>().BusinessId, "call-1")));
        var center = Substitute.For<ICallCenter>();
        center.AccountId.Returns(DialingRig.Account);
        center.FindSession("agent-1").Returns(session);
        await using var services = DialingRig.Services(db);

        var outcomes = await services.GetRequiredService<Dispatcher>().DispatchAsync([new DispatchTrigger(center, "agent-1", DateTimeOffset.UtcNow)], CancellationToken.None);

        Assert.Equal([DispatchOutcome.Dialled], outcomes);
        await using var connection = await db.OpenConnectionAsync();
        Assert.Equal(("dialing", 1), await connection.QuerySingleAsync<(string, int)>("select state, attempts from contacts"));
    }

    internal static async Task ChangeAsync(NpgsqlDataSource db, long campaignId, string change)
    {
        var campaigns = new CampaignStore(db);
        switch (change)
        {
            case "pause":
                await campaigns.TransitionAsync(campaignId, CampaignCommand.Pause);
                break;
            case "cancel":
                await campaigns.TransitionAsync(campaignId, CampaignCommand.Cancel);
                break;
            case "do-not-call":
                await using (var connection = await db.OpenConnectionAsync())
                    await new DoNotCallList(db).AddAsync([(await connection.ExecuteScalarAsync<string>("select phone from contacts"))!]);
                break;
            case "budget lowered":
                var settings = (await campaigns.FindAsync(campaignId))!.Settings;
                await campaigns.UpdateSettingsAsync(campaignId, settings with { Retry = settings.Retry with { MaxAttempts = 1, MaxAttemptsPerDay = 1 } });
                break;
        }
    }
}
