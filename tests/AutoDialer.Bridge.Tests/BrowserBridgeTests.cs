using System.Diagnostics;
using System.Text.Json;
using AutoDialer.Bridge.Tests.Support;
using AutoDialer.Core.Events;
using AutoDialer.Core.StoredWords;
using AutoDialer.Core.Telephony;
using AutoDialer.Core.Telephony.Meiqia;
using AutoDialer.Core.Telephony.Udesk;
using AutoDialer.Telephony.Bridge;
using AutoDialer.Telephony.Meiqia;
using AutoDialer.Telephony.Udesk;
using AutoDialer.Testing;
using Microsoft.Playwright;

namespace AutoDialer.Bridge.Tests;

/// <summary>
/// The real bridge script in Chromium, in the sample workbench pages over the vendor SDK stand-ins, connected to
/// a real host: commands become vendor calls, vendor events come back for the right agent only, sessions
/// reconnect, replace each other, and a session lost mid-call leaves its make-call unknown.
/// </summary>
[Collection("postgres")]
[Trait("Category", "Browser")]
public sealed class BrowserBridgeTests(PostgresFixture postgres, BrowserFixture browsers) : IAsyncDisposable
{
    private readonly List<IBrowserContext> _contexts = [];

    private const string Connected = "() => window.workbench && window.workbench.bridge.status === 'connected'";

    [Fact]
    public async Task Udesk_call_is_placed_through_the_sdk_and_its_events_come_back_for_the_agent()
    {
        await using var host = await BridgeHost.StartAsync(postgres);
        var events = new EventStream(host.Udesk.Sessions);
        var page = await OpenAsync(host.UdeskWorkbench("1001"));

        await events.WaitForAsync("1001", UdeskEventNames.Ready);
        var session = host.Udesk.FindSession("1001");
        Assert.NotNull(session);

        var result = await session.MakeCallAsync(
            new MakeCallRequest("+8613800000001", "4711", NumberSource: new NumberSourceRef(NumberSourceType.NumberPool, "pool-7")),
            CancellationToken.None);
        Assert.True(result.IsSuccess, result.Code + " " + result.Message);

        var cleared = await events.WaitForAsync("1001", UdeskEventNames.ConnectionCleared);
        var calls = await CallsAsync(page);
        Assert.Equal(["SetSpNumberPoolNumAsync", "MakeCallAsync"], calls.Select(c => c.GetProperty("method").GetString()));
        Assert.Equal("""[{"type":2,"id":"pool-7"}]""", calls[0].GetProperty("args").GetRawText());
        Assert.Equal("""["+8613800000001",{"BizId":"4711"}]""", calls[1].GetProperty("args").GetRawText());

        var callEvents = events.Seen.Where(e => UdeskEventInterpreter.Interpret(e) is CallEventSignal).ToList();
        Assert.All(events.Seen, e => Assert.Equal(("1001", BridgeHost.UdeskAccount), (e.AgentId, e.AccountId)));
        Assert.Equal(["Originated", "Delivered", "Established", "ConnectionCleared"], callEvents.Select(e => e.Name));
        var outcome = CallOutcomeClassifier.Classify(events.Seen.Select(UdeskEventInterpreter.Interpret));
        Assert.Equal(CallOutcome.Answered, outcome?.Outcome);
        // Forwarded unchanged: the vendor's own envelope.
        Assert.Equal("0000", cleared.Payload.GetProperty("Code").GetString());

        // The page's GetToken was served by the dialer, signed with the secret the page never saw.
        var token = JsonDocument.Parse(await page.EvaluateAsync<string>("() => JSON.stringify(window.workbench.sdk.token)")).RootElement;
        Assert.Equal(BridgeHost.UdeskAppId, token.GetProperty("appId").GetString());
        Assert.Equal(
            UdeskTokenSigner.Sign(BridgeHost.UdeskAppSecret, BridgeHost.UdeskAppId, token.GetProperty("timestamp").GetString()!),
            token.GetProperty("token").GetString());
        Assert.DoesNotContain(BridgeHost.UdeskAppSecret, await page.ContentAsync(), StringComparison.Ordinal);

        var idle = await host.Udesk.GetOtherAgentsAsync(AgentStates.Idle, CancellationToken.None);
        Assert.True(idle.IsSuccess);
        Assert.Equal(["78"], idle.Data!.Select(a => a.AgentId));

        var state = await session.GetStateAsync(CancellationToken.None);
        Assert.True(state.IsSuccess);
        Assert.False(state.Data!.InCall);

        await using var row = host.Database.CreateCommand("select node from bridge_sessions where provider_account = $1 and agent_id = $2");
        row.Parameters.AddWithValue(BridgeHost.UdeskAccount);
        row.Parameters.AddWithValue("1001");
        Assert.Equal("test-node", await row.ExecuteScalarAsync());
        Assert.DoesNotContain(BridgeHost.UdeskAppSecret, host.Logs.AllText, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("field", "out_direct", CallOutcomes.Busy)]
    [InlineData("absent", "out_direct", CallOutcomes.NoAnswer)]
    [InlineData("field", "out_callback", CallOutcomes.Busy)]
    [InlineData("absent", "out_callback", CallOutcomes.NoAnswer)]
    public async Task Udesk_calls_are_classified_under_each_setting_of_what_the_document_leaves_open(string hangupCause, string workflow, string busyReadsAs)
    {
        await using var host = await BridgeHost.StartAsync(postgres);
        var events = new EventStream(host.Udesk.Sessions);
        var page = await OpenAsync(host.UdeskWorkbench("5001"));
        await events.WaitForAsync("5001", UdeskEventNames.Ready);
        await page.EvaluateAsync(
            $"() => {{ UdeskCCPaasApiClass.assumptions.{UdeskAssumptions.StandIn.HangupCause} = '{hangupCause}'; UdeskCCPaasApiClass.assumptions.{UdeskAssumptions.StandIn.Workflow} = '{workflow}'; FakeCallCenter.script('+8613800000801', {{ outcome: 'busy' }}); }}");
        var session = host.Udesk.FindSession("5001")!;

        Assert.Equal(CallOutcomes.Answered, await CallAsync("+8613800000800", "5800"));
        // Back to idle after the wrap-up (the stand-in's state change), so the agent can take the next call.
        await events.WaitForAsync(e => e.AgentId == "5001" && e.Name == UdeskEventNames.AgentStateChanged && e.Payload.GetRawText().Contains("\"OldState\":\"busy\"", StringComparison.Ordinal));
        Assert.Equal(busyReadsAs, await CallAsync("+8613800000801", "5801"));

        async Task<string?> CallAsync(string number, string businessId)
        {
            var placed = await session.MakeCallAsync(new MakeCallRequest(number, businessId), CancellationToken.None);
            Assert.True(placed.IsSuccess, placed.Code + " " + placed.Message);
            var cleared = await events.WaitForAsync(e => e.AgentId == "5001" && e.Name == UdeskEventNames.ConnectionCleared && e.Payload.GetRawText().Contains(number, StringComparison.Ordinal));
            var callId = ((CallEventSignal)UdeskEventInterpreter.Interpret(cleared)).CallId;
            var call = events.Seen.Select(UdeskEventInterpreter.Interpret).Where(s => s is CallEventSignal c && c.CallId == callId);
            Assert.All(call.OfType<CallEventSignal>(), s => Assert.Contains(workflow, s.Source.Payload.GetRawText(), StringComparison.Ordinal));
            return CallOutcomeClassifier.Classify(call)?.Outcome.ToName();
        }
    }

    [Fact]
    public async Task The_udesk_sdks_Log_errors_are_forwarded_to_the_dialers_log_and_shown_in_the_page()
    {
        await using var host = await BridgeHost.StartAsync(postgres);
        var events = new EventStream(host.Udesk.Sessions);
        var page = await OpenAsync(host.UdeskWorkbench("5002"));
        await events.WaitForAsync("5002", UdeskEventNames.Ready);
        await page.EvaluateAsync("() => FakeCallCenter.script('+8613800000901', { outcome: 'refuse' })");

        var refused = await host.Udesk.FindSession("5002")!.MakeCallAsync(new MakeCallRequest("+8613800000901", "5901"), CancellationToken.None);

        Assert.False(refused.IsSuccess);
        await page.WaitForFunctionAsync("() => document.getElementById('log').textContent.includes('外呼失败')");
        // The page sends the log line before the promise's rejection, on the same socket: it has arrived with the result.
        Assert.Contains(host.Logs.Lines, l => l.Text.Contains("SDK of agent 5002 logged error: 外呼失败", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Meiqia_call_uses_callbacks_userData_and_group_out_number_and_blacklist_and_token_refresh_work()
    {
        await using var host = await BridgeHost.StartAsync(postgres);
        var events = new EventStream(host.MeiqiaCenter.Sessions);
        var page = await OpenAsync(host.MeiqiaWorkbench("12123"));
        await events.WaitForAsync("12123", MeiqiaEventNames.AgentInitStatus);

        // The page's SDK token came from the Open API login, made with the enterprise access token.
        var login = Assert.Single(host.Meiqia.Requests, r => r.Path == MeiqiaOpenApiClient.LoginPath);
        Assert.Equal("Bearer " + StubOpenApi.AccessToken, login.Authorization);
        Assert.Equal("""{"agent_id":"12123"}""", login.Body);
        Assert.StartsWith("mq-sdk-", await page.EvaluateAsync<string>("() => window.workbench.sdk.token"), StringComparison.Ordinal);

        var session = host.MeiqiaCenter.FindSession("12123")!;
        // Meiqia says nothing of the agent after a call: it can take one once the Open API lists it free (MeiqiaAssumptions).
        host.Meiqia.OnJson(MeiqiaOpenApiClient.AgentsPath, 200, """[{"agent_id":12123,"register_status":"register","worker_status":""}]""");
        Assert.True((await host.MeiqiaCenter.GetOtherAgentsAsync(null, CancellationToken.None)).IsSuccess);
        var placed = await session.MakeCallAsync(
            new MakeCallRequest("+8613800000002", "4712", NumberSource: new NumberSourceRef(NumberSourceType.NumberPool, "2")), CancellationToken.None);
        Assert.True(placed.IsSuccess, placed.Code + " " + placed.Message);
        await events.WaitForAsync("12123", MeiqiaEventNames.Hangup);
        var call = Assert.Single(await CallsAsync(page), c => c.GetProperty("method").GetString() == "call");
        Assert.Equal("""[{"client":{"number":"+8613800000002","userData":"4712","outNumber":"group2"}}]""", call.GetProperty("args").GetRawText());
        Assert.Equal(CallOutcome.Answered, CallOutcomeClassifier.Classify(events.Seen.Select(MeiqiaEventInterpreter.Interpret))?.Outcome);

        var tooLong = await session.MakeCallAsync(new MakeCallRequest("+8613800000003", new string('9', 301)), CancellationToken.None);
        Assert.Equal(VendorCodes.BusinessIdTooLong, tooLong.Code);
        Assert.Single(await CallsAsync(page), c => c.GetProperty("method").GetString() == "call");

        await page.EvaluateAsync("() => FakeCallCenter.script('+8613800000004', { outcome: 'blacklist' })");
        Assert.True((await host.MeiqiaCenter.GetOtherAgentsAsync(null, CancellationToken.None)).IsSuccess);
        Assert.True((await session.MakeCallAsync(new MakeCallRequest("+8613800000004", "4714"), CancellationToken.None)).IsSuccess);
        var blacklisted = await events.WaitForAsync("12123", MeiqiaEventNames.BlackList);
        Assert.Equal(CallSignalKind.Blacklisted, MeiqiaEventInterpreter.Interpret(blacklisted).Kind);

        var rule = await session.GetNumberPoolAndSpNumAsync(NumberSourceType.NumberPool, CancellationToken.None);
        Assert.Equal("2", rule.Data!.DefaultId);

        // unAuthorization: the server logs in again and hands the SDK the new token with refreshToken.
        await page.EvaluateAsync("() => window.workbench.sdk.emit('unAuthorization')");
        await page.WaitForFunctionAsync("() => window.workbench.sdk.tokens.length >= 2");
        Assert.Equal(2, host.Meiqia.CountOf(MeiqiaOpenApiClient.LoginPath));
        var tokens = await page.EvaluateAsync<string[]>("() => window.workbench.sdk.tokens");
        Assert.NotEqual(tokens[0], tokens[1]);
        Assert.DoesNotContain(StubOpenApi.AccessToken, host.Logs.AllText, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("udesk", "EavesdropAsync")]
    [InlineData("udesk", "ForcePickupAsync")]
    [InlineData("udesk", "TransferAsync")]
    [InlineData("meiqia", "transferCall")]
    [InlineData("meiqia", "holdCall")]
    public async Task The_page_script_runs_only_what_the_dialer_needs_not_supervisor_or_transfer_methods(string vendor, string method)
    {
        await using var host = await BridgeHost.StartAsync(postgres);
        var udesk = vendor == "udesk";
        var page = await OpenAsync(udesk ? host.UdeskWorkbench("4001") : host.MeiqiaWorkbench("4001"));
        // The SDK has the method (a real one does): only the script stands in the way.
        await page.EvaluateAsync($"() => {{ window.reached = false; window.workbench.sdk['{method}'] = function (o) {{ window.reached = true; if (o && o.success) o.success(); return Promise.resolve({{ Code: '0000' }}); }}; }}");
        var sessions = udesk ? host.Udesk.Sessions : host.MeiqiaCenter.Sessions;

        var reply = await sessions.Find("4001")!.Connection.InvokeAsync(method, new System.Text.Json.Nodes.JsonArray(), TimeSpan.FromSeconds(10), CancellationToken.None);

        Assert.Equal(BridgeReplyStatus.Failed, reply.Status);
        Assert.False(await page.EvaluateAsync<bool>("() => window.reached"));
    }

    [Fact]
    public async Task A_dropped_socket_reconnects_and_dialling_resumes()
    {
        await using var host = await BridgeHost.StartAsync(postgres);
        var events = new EventStream(host.Udesk.Sessions);
        var page = await OpenAsync(host.UdeskWorkbench("1002"));
        await events.WaitForAsync("1002", UdeskEventNames.Ready);
        var first = host.Udesk.Sessions.Find("1002")!;

        await page.EvaluateAsync("() => { window.statuses = []; window.workbench.bridge.on('status', s => window.statuses.push(s.status)); }");
        host.Udesk.Sessions.Disconnect(first, "dropped by the test");
        await page.WaitForFunctionAsync("() => window.statuses.includes('disconnected') && window.workbench.bridge.status === 'connected'");

        var second = host.Udesk.Sessions.Find("1002");
        Assert.NotNull(second);
        Assert.NotEqual(first.Id, second.Id);
        var result = await host.Udesk.FindSession("1002")!.MakeCallAsync(new MakeCallRequest("+8613800000005", "4715"), CancellationToken.None);
        Assert.True(result.IsSuccess, result.Code + " " + result.Message);
        await events.WaitForAsync("1002", UdeskEventNames.ConnectionCleared);
    }

    [Fact]
    public async Task A_session_for_agent_A_cannot_report_events_for_agent_B()
    {
        await using var host = await BridgeHost.StartAsync(postgres);
        var events = new EventStream(host.Udesk.Sessions);
        var page = await OpenAsync(host.UdeskWorkbench("2001"));
        await events.WaitForAsync("2001", UdeskEventNames.Ready);

        await page.EvaluateAsync("""
            () => {
              window.rejections = [];
              window.workbench.bridge.on('rejected', r => window.rejections.push(r.reason));
              const socket = window.workbench.bridge.socket;
              const forged = { Code: '0000', Data: { CallID: 'forged', CustomerInfo: { Number: '+8613800000009' } }, Message: '', Visible: false };
              socket.send(JSON.stringify({ type: 'event', agentId: '2002', name: 'Originated', timestamp: Date.now(), payload: forged }));
              const named = { Code: '0000', Data: [{ AgentId: '2002', CurState: 'idle', CurStateSubId: '0', OldState: 'busy' }], Message: '', Visible: false };
              socket.send(JSON.stringify({ type: 'event', agentId: '2001', name: 'AgentStateChanged', timestamp: Date.now(), payload: named }));
              socket.send(JSON.stringify({ type: 'event', agentId: '2001', name: 'NotAVendorEvent', timestamp: Date.now(), payload: {} }));
            }
            """);
        await page.WaitForFunctionAsync("() => window.rejections.length === 3");
        // A genuine event after the forged ones: the stream is in order, so nothing forged can still come.
        await page.EvaluateAsync("() => window.workbench.sdk.SetAgentStateAsync('onBreak', '101')");
        await events.WaitForAsync("2001", UdeskEventNames.AgentStateChanged);

        Assert.DoesNotContain(events.Seen, e => e.AgentId == "2002" || e.Payload.ToString().Contains("forged", StringComparison.Ordinal));
        Assert.Equal(2, host.Logs.Lines.Count(l => l.Text.Contains("Rejected udesk event", StringComparison.Ordinal) && l.Text.Contains("agent 2002", StringComparison.Ordinal)));
        Assert.Contains(host.Logs.Lines, l => l.Text.Contains("Rejected undocumented udesk event NotAVendorEvent", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_new_session_replaces_the_old_one_whose_call_in_flight_becomes_unknown_and_which_does_not_reconnect()
    {
        await using var host = await BridgeHost.StartAsync(postgres);
        var events = new EventStream(host.Udesk.Sessions);
        var first = await OpenAsync(host.UdeskWorkbench("3001"));
        await events.WaitForAsync("3001", UdeskEventNames.Ready);
        await first.EvaluateAsync("""
            () => {
              FakeCallCenter.script('+8613800000006', { outcome: 'hold' });
              window.replaced = false;
              window.workbench.bridge.on('replaced', () => { window.replaced = true; });
            }
            """);

        var oldSession = host.Udesk.FindSession("3001")!;
        var clock = Stopwatch.StartNew();
        var inFlight = oldSession.MakeCallAsync(new MakeCallRequest("+8613800000006", "4716"), CancellationToken.None);
        await first.WaitForFunctionAsync("() => FakeCallCenter.callsOf('MakeCallAsync').length === 1");

        var second = await OpenAsync(host.UdeskWorkbench("3001"));
        var lost = await inFlight;
        Assert.Equal(VendorCodes.Timeout, lost.Code);
        Assert.True(clock.Elapsed < new BridgeOptions().MakeCallTimeout, $"the make-call ended with its session, not at its deadline ({clock.Elapsed})");
        Assert.Equal(CallOutcome.Unknown, CallOutcomeClassifier.FromMakeCallFailure(lost).Outcome);

        await first.WaitForFunctionAsync("() => window.replaced");
        Assert.Equal("disconnected", await first.EvaluateAsync<string>("() => window.workbench.bridge.status"));
        Assert.True(await first.EvaluateAsync<bool>("() => window.workbench.bridge.reconnectTimer === null"));
        Assert.NotSame(oldSession, host.Udesk.FindSession("3001"));
        Assert.Single(host.Udesk.Sessions.Connected());
        // The replaced page never dialled again: the one make-call it got is all it ever got.
        Assert.Equal(1, await first.EvaluateAsync<int>("() => FakeCallCenter.callsOf('MakeCallAsync').length"));
        Assert.Equal(0, await second.EvaluateAsync<int>("() => FakeCallCenter.callsOf('MakeCallAsync').length"));
    }

    [Fact]
    public async Task Events_unacked_when_the_session_drops_are_resent_after_reconnecting_stored_once_and_reported()
    {
        await using var host = await BridgeHost.StartAsync(postgres);
        var events = new EventStream(host.Udesk.Sessions);
        var page = await OpenAsync(host.UdeskWorkbench("1003"));
        await events.WaitForAsync("1003", UdeskEventNames.Ready);
        await page.WaitForFunctionAsync(OutboxEmpty);
        await page.EvaluateAsync("() => { window.reports = []; window.workbench.bridge.on('status', s => { if (s.state) window.reports.push(s); }); }");

        await using (var stalled = await TableLock.TakeAsync(host.Database, "call_events"))
        {
            await page.EvaluateAsync("() => window.workbench.sdk.SetAgentStateAsync('onBreak', '101')");
            await page.EvaluateAsync("() => window.workbench.sdk.SetAgentStateAsync('idle')");
            await events.WaitForAsync(e => e.AgentId == "1003" && e.Name == UdeskEventNames.AgentStateChanged && e.Payload.GetRawText().Contains("\"OldState\":\"onBreak\"", StringComparison.Ordinal));
            Assert.Equal(2, await page.EvaluateAsync<int>("() => window.workbench.bridge.outbox.length"));

            // The server lets the session go before the database has taken the two events: no ack can reach this page.
            host.Udesk.Sessions.Disconnect(host.Udesk.Sessions.Find("1003")!, "dropped by the test");
            await page.WaitForFunctionAsync("() => window.reports.some(r => r.state === 'session-ended' && r.pending === 2)");
        }

        await page.WaitForFunctionAsync("() => window.workbench.bridge.status === 'connected' && window.workbench.bridge.outbox.length === 0");
        // Each state change was taken twice (before the drop, and resent after it) and stored once.
        await events.WaitForAsync(e => events.Seen.Count(s => s.AgentId == "1003" && s.Name == UdeskEventNames.AgentStateChanged) == 4);
        await using var stored = host.Database.CreateCommand("select count(*) from call_events where agent_id = '1003' and name = 'AgentStateChanged'");
        Assert.Equal(2L, await stored.ExecuteScalarAsync());
        Assert.Equal(2, host.Udesk.Sessions.Queue.Counts.SessionEnded);
    }

    [Fact]
    public async Task A_full_outbox_does_not_drop_an_event_silently_it_reports_queue_full()
    {
        await using var host = await BridgeHost.StartAsync(postgres);
        var events = new EventStream(host.Udesk.Sessions);
        var page = await OpenAsync(host.UdeskWorkbench("1004"));
        await events.WaitForAsync("1004", UdeskEventNames.Ready);
        await page.WaitForFunctionAsync(OutboxEmpty);
        await page.EvaluateAsync("() => { window.reports = []; window.workbench.bridge.on('status', s => { if (s.state) window.reports.push(s); }); window.workbench.bridge.maxOutbox = 1; }");

        await using (var stalled = await TableLock.TakeAsync(host.Database, "call_events"))
        {
            await page.EvaluateAsync("() => window.workbench.sdk.SetAgentStateAsync('onBreak', '101')");
            await page.EvaluateAsync("() => window.workbench.sdk.SetAgentStateAsync('idle')");
            await page.WaitForFunctionAsync("() => window.reports.some(r => r.state === 'queue-full' && r.pending === 1 && r.name === 'AgentStateChanged' && r.dropped === 1)");
            // Visible to the agent, and counted by the server (/healthz page_dropped), not only in the console.
            Assert.Contains("1 event not kept", await page.TextContentAsync("[data-autodialer-bridge]"), StringComparison.Ordinal);
            var until = DateTime.UtcNow.AddSeconds(10);
            while (host.Udesk.Sessions.Queue.Counts.PageDropped == 0 && DateTime.UtcNow < until) await Task.Delay(50);
            Assert.Equal(1, host.Udesk.Sessions.Queue.Counts.PageDropped);
        }

        await page.WaitForFunctionAsync(OutboxEmpty);
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
        await page.WaitForFunctionAsync(Connected);
        return page;
    }

    /// <summary>What the stand-in SDK was asked to do (as JSON text: Playwright's own serialisation adds ids).</summary>
    private static async Task<JsonElement[]> CallsAsync(IPage page) =>
        JsonDocument.Parse(await page.EvaluateAsync<string>("() => JSON.stringify(FakeCallCenter.calls)")).RootElement.EnumerateArray().ToArray();

    public async ValueTask DisposeAsync()
    {
        foreach (var context in _contexts)
        {
            await context.CloseAsync();
        }
    }
}
