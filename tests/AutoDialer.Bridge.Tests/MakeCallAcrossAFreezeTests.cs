using System.Text.Json;
using AutoDialer.Bridge.Tests.Support;
using AutoDialer.Core.Telephony;
using AutoDialer.Dialing;
using AutoDialer.Dialing.Telephony;
using AutoDialer.Telephony.Bridge;
using AutoDialer.Telephony.Udesk;
using AutoDialer.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace AutoDialer.Bridge.Tests;

/// <summary>
/// Issue 18, item 10c: a node frozen (SIGSTOP, a VM pause) while it waits for a make-call. The page answered in time,
/// and its answer waits in the socket; on waking, the node's timers (the command's deadline, Polly's make-call timeout)
/// fire late, measured in wall time across the freeze. The answer in hand wins over a timeout that fired late: the call
/// was placed, and an attempt taken for "timed out" would be left unknown while its customer talks.
/// </summary>
public sealed class MakeCallAcrossAFreezeTests
{
    private static readonly JsonElement Placed = JsonDocument.Parse("""{"Code":"0000","Message":"","Data":{"CallID":"call-7"},"Visible":false}""").RootElement;

    [Fact]
    public async Task A_make_call_whose_answer_came_during_a_freeze_is_placed_not_timed_out()
    {
        var (clock, page, session, agent) = Connect();
        var resilience = new ProviderResilience("u", new DialingOptions { MakeCallTimeout = TimeSpan.FromSeconds(10) }, clock);

        var call = resilience.MakeCallAsync(agent, new MakeCallRequest("+8613800000001", "7", Deadline: clock.GetUtcNow().AddSeconds(10)), CancellationToken.None);
        var command = await page.NextCommandAsync();
        clock.Advance(TimeSpan.FromSeconds(2));
        // The node stops for 40 s; the page answered at 2 s and its answer waits in the socket. On waking the timers fire
        // first (late), then the receive loop hands over the answer.
        clock.Freeze(TimeSpan.FromSeconds(40));
        clock.Advance(TimeSpan.Zero);
        session.CompleteCommand(command.GetProperty("id").GetString()!, BridgeReplyStatus.Resolved, Placed);

        var result = await call;
        Assert.True(result.IsSuccess, $"the make-call answered {result.Code}: {result.Message}");
        Assert.Equal("call-7", result.Data!.CallId);
    }

    [Fact]
    public async Task A_make_call_with_no_answer_still_times_out_after_a_freeze_and_one_without_a_freeze_at_its_deadline()
    {
        var (clock, page, session, agent) = Connect();

        var frozen = agent.MakeCallAsync(new MakeCallRequest("+8613800000001", "8", Deadline: clock.GetUtcNow().AddSeconds(10)), CancellationToken.None);
        await page.NextCommandAsync();
        clock.Freeze(TimeSpan.FromSeconds(40));
        var graceSet = clock.NextTimerSet();
        clock.Advance(TimeSpan.Zero);
        // Nothing came in the grace after waking: the page never answered.
        await graceSet;
        clock.Advance(BridgeConnection.WakeGrace);
        Assert.Equal(VendorCodes.Timeout, (await frozen).Code);

        var onTime = agent.MakeCallAsync(new MakeCallRequest("+8613800000002", "9", Deadline: clock.GetUtcNow().AddSeconds(10)), CancellationToken.None);
        var command = await page.NextCommandAsync();
        clock.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(VendorCodes.Timeout, (await onTime).Code);
        // A timer that fired on time is no freeze: an answer after it changes nothing.
        Assert.False(session.CompleteCommand(command.GetProperty("id").GetString()!, BridgeReplyStatus.Resolved, Placed));
    }

    [Theory]
    [InlineData(-5_000, false)]
    [InlineData(0, false)]
    [InlineData(1_000, false)]
    [InlineData(1_001, true)]
    [InlineData(40_000, true)]
    public void A_timeout_noticed_more_than_a_second_after_its_deadline_means_the_node_stood_still(int lateMilliseconds, bool froze)
    {
        var deadline = new DateTimeOffset(2026, 12, 7, 3, 0, 0, TimeSpan.Zero);
        Assert.Equal(froze, BridgeConnection.WokeFromFreeze(deadline, deadline.AddMilliseconds(lateMilliseconds)));
    }

    private static (ManualTimeProvider Clock, FakeTransport Page, BridgeSession Session, IAgentSession Agent) Connect()
    {
        var clock = new ManualTimeProvider();
        var center = new UdeskCallCenter(new UdeskOptions { AccountId = "u" }, new BridgeOptions(), clock, NullLogger<UdeskCallCenter>.Instance);
        var page = new FakeTransport();
        var session = center.Sessions.Connect("1001", page);
        return (clock, page, session, center.FindSession("1001")!);
    }
}
