using System.Threading.Channels;
using AutoDialer.Core.Events;
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
/// Between the lease and the make-call (trunk selection, the gate's second check behind the dial fence) things fail and
/// time passes. A failure there gives the attempt and its budget back; an attempt settled meanwhile is never dialled.
/// </summary>
[Collection("postgres")]
public sealed class AfterTheLeaseTests(PostgresFixture postgres)
{
    public static TheoryData<string> Faults() => ["the vendor port throws", "the node stops", "the recheck's read fails"];

    [Theory]
    [MemberData(nameof(Faults))]
    public async Task A_failure_after_the_lease_gives_the_attempt_and_its_budget_back(string fault)
    {
        var db = await postgres.CreateDatabaseAsync("after_lease_fault");
        await DialingRig.CreateRunningCampaignAsync(db, $"after-{Guid.NewGuid():N}", contacts: 1, DialingRig.Settings(["agent-1"]));
        using var stopping = new CancellationTokenSource();
        var (session, center) = Agent(selectTrunk: async () =>
        {
            switch (fault)
            {
                case "the vendor port throws":
                    throw new IOException("the bridge socket was reset");
                case "the node stops":
                    await stopping.CancelAsync();
                    stopping.Token.ThrowIfCancellationRequested();
                    break;
                case "the recheck's read fails":
                    // A database blip on the recheck's statements only (they read the do-not-call list).
                    await using (var connection = await db.OpenConnectionAsync())
                        await connection.ExecuteAsync("alter table dnc rename to dnc_away");
                    break;
            }
            return VendorResult.Success();
        });
        await using var services = DialingRig.Services(db);

        var dispatcher = services.GetRequiredService<Dispatcher>();
        await Assert.ThrowsAnyAsync<Exception>(() => dispatcher.DispatchAsync([new DispatchTrigger(center, "agent-1", DateTimeOffset.UtcNow)], stopping.Token));
        await using var db2 = await db.OpenConnectionAsync();
        if (fault == "the recheck's read fails")
        {
            // The blip also failed the give-back; the database is back, and the next dispatch (for anyone) gives it back.
            await db2.ExecuteAsync("alter table dnc_away rename to dnc");
            await dispatcher.DispatchAsync([], CancellationToken.None);
        }

        await session.DidNotReceiveWithAnyArgs().MakeCallAsync(default!, default);
        // Nothing left leased: the agent is free and the budget given back; the contact is due again now.
        Assert.Equal(0, await db2.ExecuteScalarAsync<int>("select count(*) from attempts where settled_at is null"));
        var contact = await db2.QuerySingleAsync<(string state, int attempts, int attempts_today, bool due)>(
            "select state, attempts, attempts_today, next_due_at <= now() as due from contacts");
        Assert.Equal(("pending", 0, 0, true), contact);
        Assert.Equal(0, await db2.ExecuteScalarAsync<int>("select count(*) from callee_dials"));
    }

    [Fact]
    public async Task An_attempt_settled_while_it_waited_for_its_make_call_is_never_dialled()
    {
        var db = await postgres.CreateDatabaseAsync("after_lease_settled");
        await DialingRig.CreateRunningCampaignAsync(db, $"after-{Guid.NewGuid():N}", contacts: 1, DialingRig.Settings(["agent-1"]));
        await using var services = DialingRig.Services(db);
        var (session, center) = Agent(selectTrunk: async () =>
        {
            // While the dispatch waits (here: selecting the trunk; in production also behind the fence), the attempt is
            // settled, as the stale sweeper would, and its contact released for a retry.
            await using var connection = await db.OpenConnectionAsync();
            var attempt = await connection.ExecuteScalarAsync<long>("select id from attempts");
            await services.GetRequiredService<AttemptSettler>().SettleAsync(
                [new AttemptSettlement(attempt, CallOutcome.Unknown, VendorCode: "AD-STALE", VendorMessage: "the provider no longer has the call") { OnlyIfLive = true }],
                DateTimeOffset.UtcNow, CancellationToken.None);
            return VendorResult.Success();
        });

        await services.GetRequiredService<Dispatcher>().DispatchAsync([new DispatchTrigger(center, "agent-1", DateTimeOffset.UtcNow)], CancellationToken.None);

        await session.DidNotReceiveWithAnyArgs().MakeCallAsync(default!, default);
        await using var connection = await db.OpenConnectionAsync();
        Assert.Equal(("settled", "unknown"), await connection.QuerySingleAsync<(string, string)>("select status, outcome from attempts"));
    }

    [Fact]
    public async Task The_stale_sweeper_leaves_an_attempt_whose_make_call_this_node_still_holds()
    {
        var db = await postgres.CreateDatabaseAsync("after_lease_held");
        await DialingRig.CreateRunningCampaignAsync(db, $"after-{Guid.NewGuid():N}", contacts: 1, DialingRig.Settings(["agent-1"]));
        var sweeps = new ServiceCollection();
        var (session, center) = Agent(selectTrunk: () => Task.FromResult(VendorResult.Success()));
        session.GetStateAsync(default).ReturnsForAnyArgs(VendorResult<ProviderState>.Success(new ProviderState("idle", null, "idle", "voip", null, null, null, null, null, null)));
        sweeps.AddSingleton(center);
        await using var services = DialingRig.Services(db, sweeps);
        var sweeper = services.GetRequiredService<StaleAttemptSweeper>();
        int? settledBySweep = null;
        session.SetSpNumberPoolNumAsync(default, default!, default).ReturnsForAnyArgs(async _ =>
        {
            // The dispatch waits long past the stale timeout (a slow trunk, a fence held by an operator's change).
            await using (var connection = await db.OpenConnectionAsync())
                await connection.ExecuteAsync("update attempts set created_at = now() - interval '1 hour'");
            settledBySweep = await sweeper.SweepAsync(CancellationToken.None);
            return VendorResult.Success();
        });

        await services.GetRequiredService<Dispatcher>().DispatchAsync([new DispatchTrigger(center, "agent-1", DateTimeOffset.UtcNow)], CancellationToken.None);

        Assert.Equal(0, settledBySweep);
        await session.ReceivedWithAnyArgs(1).MakeCallAsync(default!, default);
    }

    /// <summary>An agent on two trunks (so the lease's caller number needs one selected) whose trunk selection does <paramref name="selectTrunk"/>.</summary>
    private static (IAgentSession Session, ICallCenter Center) Agent(Func<Task<VendorResult>> selectTrunk)
    {
        var session = Substitute.For<IAgentSession>();
        session.AgentId.Returns("agent-1");
        session.GetNumberPoolAndSpNumAsync(NumberSourceType.TrunkNumber, Arg.Any<CancellationToken>()).Returns(VendorResult<NumberSourceList>.Success(new NumberSourceList(
            [new NumberSource(NumberSourceType.TrunkNumber, "t1", "trunk 1", ["02161230001"]), new NumberSource(NumberSourceType.TrunkNumber, "t2", "trunk 2", ["02161230002"])],
            null)));
        session.SetSpNumberPoolNumAsync(NumberSourceType.TrunkNumber, Arg.Any<string>(), Arg.Any<CancellationToken>()).Returns(_ => selectTrunk());
        session.MakeCallAsync(default!, default).ReturnsForAnyArgs(call => VendorResult<MakeCallAccepted>.Success(new MakeCallAccepted(call.Arg<MakeCallRequest>().BusinessId, "call-1")));
        var center = Substitute.For<ICallCenter>();
        center.AccountId.Returns(DialingRig.Account);
        center.FindSession("agent-1").Returns(session);
        center.Events.Returns(Channel.CreateUnbounded<CallCenterEvent>().Reader);
        return (session, center);
    }
}
