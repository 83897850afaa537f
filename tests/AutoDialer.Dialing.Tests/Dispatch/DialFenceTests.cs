using AutoDialer.Core.Telephony;
using AutoDialer.Dialing.Dispatch;
using AutoDialer.PostgreSql.Dispatch;
using AutoDialer.Testing;
using Xunit.Abstractions;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using NSubstitute;

namespace AutoDialer.Dialing.Tests.Dispatch;

/// <summary>
/// The moment between the gate's last check and the make-call being answered: an operator's change made then (a number
/// added to the do-not-call list, a pause, a lower budget) waits for that call, so that once the change has answered,
/// no call it forbids starts — the chaos run's judge counts any call after the answer as a violation.
/// </summary>
[Collection("postgres")]
public sealed class DialFenceTests(PostgresFixture postgres, ITestOutputHelper output)
{
    public static TheoryData<string> Changes() => ["do-not-call", "pause", "budget lowered"];

    [Theory]
    [MemberData(nameof(Changes))]
    public async Task A_change_made_while_a_call_it_forbids_is_being_placed_answers_only_after_that_call(string change)
    {
        var db = await postgres.CreateDatabaseAsync("dial_fence");
        var campaignId = await DialingRig.CreateRunningCampaignAsync(db, $"fence-{Guid.NewGuid():N}", contacts: 1, DialingRig.Settings(["agent-1"]));
        var placing = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var answer = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var session = Substitute.For<IAgentSession>();
        session.AgentId.Returns("agent-1");
        session.GetNumberPoolAndSpNumAsync(default, default).ReturnsForAnyArgs(VendorResult<NumberSourceList>.Success(new NumberSourceList([], null)));
        session.MakeCallAsync(default!, default).ReturnsForAnyArgs(async call =>
        {
            placing.TrySetResult();
            await answer.Task;
            return VendorResult<MakeCallAccepted>.Success(new MakeCallAccepted(call.Arg<MakeCallRequest>().BusinessId, "call-1"));
        });
        var center = Substitute.For<ICallCenter>();
        center.AccountId.Returns(DialingRig.Account);
        center.FindSession("agent-1").Returns(session);
        await using var services = DialingRig.Services(db);

        var dispatching = services.GetRequiredService<Dispatcher>().DispatchAsync([new DispatchTrigger(center, "agent-1", DateTimeOffset.UtcNow)], CancellationToken.None);
        await placing.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var changing = SecondGateCheckTests.ChangeAsync(db, campaignId, change);
        var waited = await WaitingForALockAsync(db, changing);

        Assert.True(waited, $"the {change} answered while a call it forbids was still being placed");
        Assert.False(changing.IsCompleted);
        answer.SetResult();
        Assert.Equal([DispatchOutcome.Dialled], await dispatching);
        await changing.WaitAsync(TimeSpan.FromSeconds(30));
    }

    public static TheoryData<string> OperatorChanges() => ["pause", "do-not-call"];

    /// <summary>
    /// A slow vendor, whose answer comes later than the make-call start limit: a change waits for the calls being placed
    /// only until none of them can start any more (the page neither runs a make-call after its deadline nor keeps a call
    /// the vendor placed after it), not until the vendor answers. Before the start limit the change waited for the answer.
    /// </summary>
    [Theory]
    [MemberData(nameof(OperatorChanges))]
    public async Task A_change_waits_for_a_slow_vendor_only_until_no_call_under_the_fence_can_start(string change)
    {
        var db = await postgres.CreateDatabaseAsync("slow_vendor_fence");
        var campaignId = await DialingRig.CreateRunningCampaignAsync(db, $"slow-{Guid.NewGuid():N}", contacts: 1, DialingRig.Settings(["agent-1"]));
        var sent = new TaskCompletionSource<MakeCallRequest>(TaskCreationOptions.RunContinuationsAsynchronously);
        var answer = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var session = Substitute.For<IAgentSession>();
        session.AgentId.Returns("agent-1");
        session.GetNumberPoolAndSpNumAsync(default, default).ReturnsForAnyArgs(VendorResult<NumberSourceList>.Success(new NumberSourceList([], null)));
        session.MakeCallAsync(default!, default).ReturnsForAnyArgs(async call =>
        {
            sent.TrySetResult(call.Arg<MakeCallRequest>());
            await answer.Task;
            return VendorResult<MakeCallAccepted>.Failure(VendorCodes.PlacedLate, "the vendor placed the call after its deadline; the page hung it up");
        });
        var center = Substitute.For<ICallCenter>();
        center.AccountId.Returns(DialingRig.Account);
        center.FindSession("agent-1").Returns(session);
        var startLimit = TimeSpan.FromSeconds(1);
        await using var services = DialingRig.Services(db, dialing: d => d.MakeCallStartLimit = startLimit);

        var before = DateTimeOffset.UtcNow;
        var dispatching = services.GetRequiredService<Dispatcher>().DispatchAsync([new DispatchTrigger(center, "agent-1", DateTimeOffset.UtcNow)], CancellationToken.None);
        var request = await sent.Task.WaitAsync(TimeSpan.FromSeconds(30));
        // The operator's promise (the chaos run's operator_stalls): an answer within 5 s. The bound here is 2 s.
        await SecondGateCheckTests.ChangeAsync(db, campaignId, change).WaitAsync(TimeSpan.FromSeconds(5));

        Assert.False(dispatching.IsCompleted, $"the {change} answered, but only after the vendor did");
        Assert.InRange(request.Deadline!.Value, before, DateTimeOffset.UtcNow + startLimit);
        answer.SetResult();
        Assert.Equal([DispatchOutcome.Failed], await dispatching);
    }

    /// <summary>
    /// A node that froze (SIGSTOP, a paused VM) or was cut off right after its gate check keeps its fence's transaction
    /// open, idle, and would hold every change touching its calls for as long as it is frozen. PostgreSQL ends that
    /// transaction once it has sat idle for the make-call start limit and the grace, so the change answers within that bound,
    /// and the frozen node's fence is gone: nothing it dials on waking is under it (its deadline has passed).
    /// </summary>
    [Theory]
    [MemberData(nameof(OperatorChanges))]
    public async Task A_change_waits_for_a_frozen_nodes_fence_only_until_PostgreSQL_ends_it(string change)
    {
        var db = await postgres.CreateDatabaseAsync("frozen_fence");
        var campaignId = await DialingRig.CreateRunningCampaignAsync(db, $"frozen-{Guid.NewGuid():N}", contacts: 1, DialingRig.Settings(["agent-1"]));
        await using var services = DialingRig.Services(db);
        var store = services.GetRequiredService<DispatchStore>();
        var campaign = Assert.Single(await store.RunningCampaignsAsync(CancellationToken.None));
        var now = DateTimeOffset.UtcNow;
        var leases = await Dispatcher.LeaseAsync(store, campaign, services.GetRequiredService<FrequencyCapsInForce>().For(campaign.Settings), DialingRig.Account,
            ["agent-1"], "frozen-node", now, CancellationToken.None);
        Assert.Single(leases);
        var startLimit = TimeSpan.FromSeconds(1);
        var (_, frozen) = await store.RecheckAsync(leases, now, startLimit, CancellationToken.None);
        // The node freezes here: its fence is never let go.

        var clock = System.Diagnostics.Stopwatch.StartNew();
        await SecondGateCheckTests.ChangeAsync(db, campaignId, change).WaitAsync(startLimit + DialFence.IdleGrace + TimeSpan.FromSeconds(10));
        output.WriteLine($"the {change} answered after {clock.Elapsed.TotalSeconds:0.0} s with a frozen fence holder");

        await using var connection = await db.OpenConnectionAsync();
        Assert.Equal(0, await connection.ExecuteScalarAsync<int>(
            "select count(*) from pg_stat_activity where datname = current_database() and state like 'idle in transaction%'"));
        await frozen.DisposeAsync(); // waking: its connection is dead, and letting go of it is quiet
    }

    /// <summary>True once the change waits for a lock in the test's database; false if it answered first.</summary>
    private static async Task<bool> WaitingForALockAsync(NpgsqlDataSource db, Task change)
    {
        await using var connection = await db.OpenConnectionAsync();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!change.IsCompleted && DateTime.UtcNow < deadline)
        {
            if (await connection.ExecuteScalarAsync<bool>(
                    "select exists (select 1 from pg_locks where not granted and database = (select oid from pg_database where datname = current_database()))"))
                return true;
            await Task.Yield();
        }
        return false;
    }
}
