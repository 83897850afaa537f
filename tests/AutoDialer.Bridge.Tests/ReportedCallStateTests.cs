using AutoDialer.Bridge.Tests.Support;
using AutoDialer.Core.Events;
using AutoDialer.Core.Telephony;
using AutoDialer.Core.Telephony.Udesk;
using AutoDialer.Telephony.Bridge;
using AutoDialer.Testing;
using Microsoft.Playwright;

namespace AutoDialer.Bridge.Tests;

/// <summary>
/// The real bridge script in Chromium reconnecting mid-call and in wrap-up: its new session is told at once what the
/// agent is doing (<c>call-state</c>), so the stale sweeper's GetState gets an answer (on this call; on no call) rather
/// than "could not ask" until StaleMaxAge, and availability is the agent's, not a fresh session's guess.
/// </summary>
[Collection("postgres")]
[Trait("Category", "Browser")]
public sealed class ReportedCallStateTests(PostgresFixture postgres, BrowserFixture browsers) : IAsyncDisposable
{
    private readonly List<IBrowserContext> _contexts = [];

    [Fact]
    public async Task A_page_that_reconnects_tells_its_new_session_at_once_the_call_its_agent_is_on_and_then_its_wrap_up()
    {
        await using var host = await BridgeHost.StartAsync(postgres);
        var events = new EventStream(host.Udesk.Sessions);
        var page = await OpenAsync(host.UdeskWorkbench("1101"));
        await events.WaitForAsync("1101", UdeskEventNames.Ready);
        // A long call, then a long wrap-up: the test ends each phase with a reconnect, not by waiting.
        await page.EvaluateAsync("() => FakeCallCenter.script('+8613800000011', { outcome: 'answer', ringMs: 10, talkMs: 600000, wrapUpMs: 600000 })");

        var placed = await host.Udesk.FindSession("1101")!.MakeCallAsync(new MakeCallRequest("+8613800000011", "4811"), CancellationToken.None);
        Assert.True(placed.IsSuccess, placed.Code + " " + placed.Message);
        var established = await events.WaitForAsync("1101", UdeskEventNames.Established);
        var callId = ((CallEventSignal)UdeskEventInterpreter.Interpret(established)).CallId;

        // Everything acked: the new session cannot learn the call from resent events, only from the page's report.
        await page.WaitForFunctionAsync(OutboxEmpty);
        var onCall = await ReconnectAndAskAsync(host, "1101");
        Assert.True(onCall.Data!.InCall);
        Assert.Equal(callId, onCall.Data.CallID);

        // The customer hangs up; the agent is busy in wrap-up, on no call.
        await page.EvaluateAsync("""
            () => {
              const sdk = window.workbench.sdk;
              const data = sdk.callData(sdk.call);
              sdk.call = null;
              sdk.emit('ConnectionCleared', { Code: '0000', Data: data, Message: '', Visible: false });
            }
            """);
        await events.WaitForAsync("1101", UdeskEventNames.ConnectionCleared);
        await page.WaitForFunctionAsync(OutboxEmpty);
        var wrapUp = await ReconnectAndAskAsync(host, "1101");
        Assert.False(wrapUp.Data!.InCall);
        Assert.False(host.Udesk.FindSession("1101")!.Availability.CanTakeCall);
    }

    [Fact]
    public async Task A_page_that_reconnects_tells_its_new_session_that_its_agents_device_is_offline()
    {
        await using var host = await BridgeHost.StartAsync(postgres);
        var events = new EventStream(host.Udesk.Sessions);
        var page = await OpenAsync(host.UdeskWorkbench("1102"));
        await events.WaitForAsync("1102", UdeskEventNames.Ready);
        await page.EvaluateAsync("() => window.workbench.sdk.emit('PhoneModeChanged', { Code: '0000', Data: [{ CurContact: 'voip', CurExtState: 'offline', CurNumber: '90310468561028' }], Message: '', Visible: false })");
        await events.WaitForAsync("1102", UdeskEventNames.PhoneModeChanged);
        Assert.Equal(Core.Agents.AgentUnavailableReasons.DeviceOffline, host.Udesk.FindSession("1102")!.Availability.Reason);

        // Everything acked: the new session cannot learn the device's mode from resent events, only from the page's report.
        await page.WaitForFunctionAsync(OutboxEmpty);
        await ReconnectAndAskAsync(host, "1102");
        Assert.Equal(Core.Agents.AgentUnavailableReasons.DeviceOffline, host.Udesk.FindSession("1102")!.Availability.Reason);
    }

    /// <summary>
    /// The server drops the page's session (a socket reset, a node restart); the page reconnects. Its new session is asked
    /// what the agent is doing: polled with a deadline, since the page is another process, until it answers.
    /// </summary>
    private static async Task<VendorResult<ProviderState>> ReconnectAndAskAsync(BridgeHost host, string agentId)
    {
        var old = host.Udesk.Sessions.Find(agentId)!;
        host.Udesk.Sessions.Disconnect(old, "dropped by the test");
        var until = DateTime.UtcNow.AddSeconds(15);
        VendorResult<ProviderState>? last = null;
        while (DateTime.UtcNow < until)
        {
            if (host.Udesk.Sessions.Find(agentId) is { } fresh && !ReferenceEquals(fresh, old))
            {
                last = await host.Udesk.FindSession(agentId)!.GetStateAsync(CancellationToken.None);
                if (last.IsSuccess) return last;
            }

            await Task.Delay(50);
        }

        Assert.Fail($"the reconnected session of agent {agentId} could not say what its agent is doing: {last?.Code} {last?.Message}");
        return null!;
    }

    private const string OutboxEmpty = "() => window.workbench.bridge.outbox.length === 0";

    private async Task<IPage> OpenAsync(string url)
    {
        var browser = await browsers.BrowserAsync();
        var context = await browser.NewContextAsync();
        _contexts.Add(context);
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(20_000);
        await page.GotoAsync(url);
        await page.WaitForFunctionAsync("() => window.workbench && window.workbench.bridge.status === 'connected'");
        return page;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var context in _contexts)
        {
            await context.CloseAsync();
        }
    }
}
