using AutoDialer.Core.Telephony;
using AutoDialer.Dialing.Dispatch;
using AutoDialer.Testing;
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
public sealed class DialFenceTests(PostgresFixture postgres)
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
