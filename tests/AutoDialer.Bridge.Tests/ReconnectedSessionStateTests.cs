using System.Text.Json;
using AutoDialer.Bridge.Tests.Support;
using AutoDialer.Core.Telephony;
using AutoDialer.Telephony.Bridge;
using AutoDialer.Telephony.Udesk;
using Microsoft.Extensions.Logging.Abstractions;

namespace AutoDialer.Bridge.Tests;

/// <summary>
/// A page that reconnects gets a new session, whose tracker has heard nothing of the call its agent is on. Asked about
/// calls (the stale sweeper's GetState), such a session answers "could not ask" until its page has sent its
/// <c>call-state</c> (after every welcome, once the events it resends have gone) and that or a later event says what
/// the agent is on: the report vouched for, a call event, Udesk's GetState, or the agent idle. It never answers "no
/// call" from ignorance, nor from the events the page sends again, which are history.
/// </summary>
public sealed class ReconnectedSessionStateTests
{
    private const string CallId = "ea648a5d-56f6-432b-44e1-0941febbb870";

    private static readonly string CallData = $$"""
        { "Code": "0000", "Data": { "CallID": "{{CallId}}", "AgentInfo": {}, "CustomerInfo": { "Number": "15712886965" }, "UserData": "42" }, "Message": "", "Visible": false }
        """;

    [Fact]
    public async Task A_reconnected_session_answers_could_not_ask_until_its_page_reports_a_call_state()
    {
        var center = new UdeskCallCenter(new UdeskOptions { AccountId = "u" }, new BridgeOptions(), TimeProvider.System,
            NullLogger<UdeskCallCenter>.Instance);
        var first = center.Sessions.Connect("1001", new FakeTransport());
        first.ReportCallState(known: false, []);
        await ReportAsync(first, "Originated", CallData);
        await ReportAsync(first, "Established", CallData);
        Assert.True((await center.FindSession("1001")!.GetStateAsync(CancellationToken.None)).Data!.InCall);

        // The page reconnected (a Wi-Fi blip, a node restart): its new session replaces the first, mid-call.
        var second = center.Sessions.Connect("1001", new FakeTransport());
        var fresh = await center.FindSession("1001")!.GetStateAsync(CancellationToken.None);
        Assert.False(fresh.IsSuccess, $"a session that has heard no call state answered {fresh.Code} InCall={fresh.Data?.InCall}");

        // Its page reports, not vouching for the agent (its SDK is not ready yet): still could not ask.
        second.ReportCallState(known: false, []);
        Assert.False((await center.FindSession("1001")!.GetStateAsync(CancellationToken.None)).IsSuccess);

        // Busy says the agent is on something, not which call: still could not ask.
        await ReportAsync(second, "AgentStateChanged", """{ "Code": "0000", "Data": [{ "CurState": "busy", "CurStateSubId": "0", "OldState": "idle" }], "Message": "", "Visible": false }""");
        Assert.False((await center.FindSession("1001")!.GetStateAsync(CancellationToken.None)).IsSuccess);

        // Idle: the agent is on no call, a real answer.
        await ReportAsync(second, "AgentStateChanged", """{ "Code": "0000", "Data": [{ "CurState": "idle", "CurStateSubId": "0", "OldState": "busy" }], "Message": "", "Visible": false }""");
        var idle = await center.FindSession("1001")!.GetStateAsync(CancellationToken.None);
        Assert.True(idle.IsSuccess);
        Assert.False(idle.Data!.InCall);
    }

    [Fact]
    public async Task A_reconnected_session_that_hears_its_call_answers_that_the_agent_is_on_it()
    {
        var center = new UdeskCallCenter(new UdeskOptions { AccountId = "u" }, new BridgeOptions(), TimeProvider.System,
            NullLogger<UdeskCallCenter>.Instance);
        var session = center.Sessions.Connect("1001", new FakeTransport());
        session.ReportCallState(known: false, []);

        await ReportAsync(session, "Established", CallData);

        var state = await center.FindSession("1001")!.GetStateAsync(CancellationToken.None);
        Assert.True(state.IsSuccess);
        Assert.Equal(CallId, state.Data!.CallID);
    }

    /// <summary>
    /// A make-call's answer lost in a reconnect; the page's outbox still held the agent's idle from before it, unacked. The
    /// new session hears that idle again before the page's report: taken as news, it said "no such call", and the stale
    /// sweeper settled the make-call unknown, its budget spent, a moment before the report (which says the make-call never
    /// reached the SDK) would have given it back: the chaos run's <c>budget_leaked</c> on CI.
    /// </summary>
    [Fact]
    public async Task A_reconnected_session_takes_the_events_its_page_sends_again_for_history_and_answers_only_after_the_pages_report()
    {
        var center = new UdeskCallCenter(new UdeskOptions { AccountId = "u" }, new BridgeOptions(), TimeProvider.System,
            NullLogger<UdeskCallCenter>.Instance);
        var first = center.Sessions.Connect("1001", new FakeTransport());
        await ReportAsync(first, "AgentStateChanged", Idle);

        var second = center.Sessions.Connect("1001", new FakeTransport());
        await ReportAsync(second, "AgentStateChanged", Idle);
        var resent = await center.FindSession("1001")!.GetStateAsync(CancellationToken.None);
        Assert.False(resent.IsSuccess, $"a session that has only heard resent events answered {resent.Code} InCall={resent.Data?.InCall}");

        second.ReportCallState(known: true, []);
        var reported = await center.FindSession("1001")!.GetStateAsync(CancellationToken.None);
        Assert.True(reported.IsSuccess);
        Assert.False(reported.Data!.InCall);
    }

    private const string Idle = """{ "Code": "0000", "Data": [{ "CurState": "idle", "CurStateSubId": "0", "OldState": "busy" }], "Message": "", "Visible": false }""";

    private static async Task ReportAsync(BridgeSession session, string name, string payload) =>
        Assert.Equal(BridgeEventVerdict.Accepted,
            await session.ReportAsync("1001", name, DateTimeOffset.UtcNow, JsonDocument.Parse(payload).RootElement, seq: null, CancellationToken.None));
}
