using AutoDialer.Bridge.Tests.Support;
using AutoDialer.Core.StoredWords;
using AutoDialer.Core.Telephony.Udesk;
using AutoDialer.Simulation.Calls;
using AutoDialer.Simulation.Pages;

namespace AutoDialer.Bridge.Tests;

/// <summary>
/// The simulated page's side of event acknowledgements, against a server the test scripts: every event carries a
/// seq that never restarts, stays until acked or refused, and after a reconnect is sent again, in seq order, before
/// anything newer.
/// </summary>
public sealed class SimulatedPageProtocolTests : IAsyncDisposable
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);
    private readonly CancellationTokenSource _timeout = new(Limit);
    private ScriptedBridgeServer? _server;
    private ScriptedBridgeServer? _other;
    private SimulationRun? _run;

    [Fact]
    public async Task Unacknowledged_events_are_sent_again_in_seq_order_after_a_reconnect_and_acked_or_refused_ones_are_not()
    {
        _server = await ScriptedBridgeServer.StartAsync();
        var page = Start(_server);
        var first = await _server.NextConnectionAsync(_timeout.Token);
        Assert.Equal("hello", first.Hello.GetProperty("type").GetString());
        Assert.Equal(1, first.Hello.GetProperty("version").GetInt32());

        // Ready (seq 1) came with the page; two state changes make seqs 2 and 3.
        Assert.True(page.Phone.SetState(AgentState.OnBreak, null).Ok);
        Assert.True(page.Phone.SetState(AgentState.Idle, null).Ok);
        var sent = new[] { await first.NextEventAsync(_timeout.Token), await first.NextEventAsync(_timeout.Token), await first.NextEventAsync(_timeout.Token) };
        Assert.Equal([1L, 2L, 3L], sent.Select(e => e.GetProperty("seq").GetInt64()));
        Assert.Equal([UdeskEventNames.Ready, UdeskEventNames.AgentStateChanged, UdeskEventNames.AgentStateChanged], sent.Select(e => e.GetProperty("name").GetString()));

        await first.SendAsync(new { type = "ack", seqs = new[] { 1 } });
        await first.SendAsync(new { type = "refused", seq = 2, reason = "poison" });
        // A ping after them: its pong shows the page has read both before the connection goes.
        await first.SendAsync(new { type = "ping", id = 7 });
        var pong = await first.NextAsync("pong", _timeout.Token);
        Assert.Equal("pong", pong.GetProperty("type").GetString());
        Assert.Equal(7, pong.GetProperty("id").GetInt32());
        first.Drop();

        var second = await _server.NextConnectionAsync(_timeout.Token);
        Assert.True(page.Phone.SetState(AgentState.OnBreak, null).Ok);
        var resent = await second.NextEventAsync(_timeout.Token);
        var next = await second.NextEventAsync(_timeout.Token);
        Assert.Equal(3, resent.GetProperty("seq").GetInt64());
        Assert.Equal(sent[2].GetProperty("timestamp").GetInt64(), resent.GetProperty("timestamp").GetInt64());
        Assert.Equal(sent[2].GetProperty("payload").GetRawText(), resent.GetProperty("payload").GetRawText());
        Assert.Equal(4, next.GetProperty("seq").GetInt64());
        Assert.Equal(1, page.Outbox.Acked);
        Assert.Equal(1, page.Outbox.Refused);
        Assert.Equal(2, page.Outbox.Count);
    }

    [Fact]
    public async Task After_every_welcome_the_page_reports_its_agents_call_state_and_the_make_calls_it_handed_to_its_sdk()
    {
        _server = await ScriptedBridgeServer.StartAsync();
        Start(_server);
        var first = await _server.NextConnectionAsync(_timeout.Token);
        var reported = await first.NextAsync("call-state", _timeout.Token);
        Assert.True(reported.GetProperty("known").GetBoolean());
        Assert.Equal(UdeskEventNames.Ready, reported.GetProperty("events")[0].GetProperty("name").GetString());
        Assert.Single(reported.GetProperty("sessions").EnumerateArray());

        // One make-call run (handed to the SDK), one refused past its deadline (never handed).
        var deadline = DateTimeOffset.UtcNow.AddMinutes(1).ToUnixTimeMilliseconds();
        await first.SendAsync(new { type = "command", id = "c1", method = UdeskMethodNames.MakeCall, args = new object[] { "13800099994", new { BizId = "42" } }, deadline });
        await NextOfTypeAsync(first, "result");
        await first.SendAsync(new { type = "command", id = "c2", method = UdeskMethodNames.MakeCall, args = new object[] { "13800099994", new { BizId = "43" } },
            deadline = DateTimeOffset.UtcNow.AddMinutes(-1).ToUnixTimeMilliseconds() });
        Assert.Equal("expired", (await NextOfTypeAsync(first, "result")).GetProperty("status").GetString());
        first.Drop();

        var second = await _server.NextConnectionAsync(_timeout.Token);
        var again = await second.NextAsync("call-state", _timeout.Token);
        Assert.Equal(2, again.GetProperty("sessions").GetArrayLength());
        Assert.Equal(["42"], again.GetProperty("dialled").EnumerateArray().Select(d => d.GetString()));
    }

    [Fact]
    public async Task A_command_past_its_deadline_is_answered_expired_and_not_run()
    {
        _server = await ScriptedBridgeServer.StartAsync();
        var page = Start(_server);
        var connection = await _server.NextConnectionAsync(_timeout.Token);
        var deadline = DateTimeOffset.UtcNow.AddMinutes(-1).ToUnixTimeMilliseconds();
        await connection.SendAsync(new { type = "command", id = "c1", method = UdeskMethodNames.MakeCall, args = new object[] { "13800099994", new { BizId = "42" } }, deadline });

        var result = await NextOfTypeAsync(connection, "result");
        Assert.Equal("c1", result.GetProperty("id").GetString());
        Assert.Equal("expired", result.GetProperty("status").GetString());
        Assert.Equal(0, page.Phone.MakeCalls);
    }

    [Fact]
    public async Task A_make_call_the_vendor_places_only_after_its_deadline_is_hung_up_at_once_and_answered_late()
    {
        _server = await ScriptedBridgeServer.StartAsync();
        // A slow vendor: the make-call arrives in time, but the call is placed after the deadline.
        var page = Start([_server], agents: 1, makeCallDelay: TimeSpan.FromMilliseconds(600));
        var connection = await _server.NextConnectionAsync(_timeout.Token);
        var deadline = DateTimeOffset.UtcNow.AddMilliseconds(200).ToUnixTimeMilliseconds();
        await connection.SendAsync(new { type = "command", id = "c1", method = UdeskMethodNames.MakeCall, args = new object[] { "13800099994", new { BizId = "42" } }, deadline });

        var result = await NextOfTypeAsync(connection, "result");
        Assert.Equal("c1", result.GetProperty("id").GetString());
        Assert.Equal("late", result.GetProperty("status").GetString());
        Assert.Equal((1L, 1L), (page.Phone.CallsPlaced, page.Phone.CallsEnded));
        Assert.Null(page.Phone.CurrentCall);
    }

    [Fact]
    public async Task Pages_are_spread_over_the_dialers_and_move_to_another_one_when_theirs_is_down()
    {
        _server = await ScriptedBridgeServer.StartAsync();
        _other = await ScriptedBridgeServer.StartAsync();
        Start([_server, _other], agents: 2);
        var onFirst = await _server.NextConnectionAsync(_timeout.Token);
        var onOther = await _other.NextConnectionAsync(_timeout.Token);
        Assert.Equal("agent-001", onFirst.Hello.GetProperty("agentId").GetString());
        Assert.Equal("agent-002", onOther.Hello.GetProperty("agentId").GetString());

        _server.Unavailable = true;
        onFirst.Drop();

        var moved = await _other.NextConnectionAsync(_timeout.Token);
        Assert.Equal("agent-001", moved.Hello.GetProperty("agentId").GetString());
        // Its Ready was never acknowledged: it comes again on the new node, with its seq.
        var resent = await moved.NextEventAsync(_timeout.Token);
        Assert.Equal(1, resent.GetProperty("seq").GetInt64());
    }

    [Fact]
    public async Task A_page_that_drops_its_socket_after_an_event_reconnects_and_sends_it_again()
    {
        _server = await ScriptedBridgeServer.StartAsync();
        var page = Start([_server], agents: 1, new PageFaults { DropSocketRate = 1 });

        var first = await _server.NextConnectionAsync(_timeout.Token);
        var sent = await first.NextEventAsync(_timeout.Token);
        var second = await _server.NextConnectionAsync(_timeout.Token);
        var resent = await second.NextEventAsync(_timeout.Token);

        Assert.Equal(1, sent.GetProperty("seq").GetInt64());
        Assert.Equal(sent.GetRawText(), resent.GetRawText());
        Assert.True(_run!.Counters.SocketsDropped >= 1);
        Assert.True(page.Welcomes >= 2);
    }

    [Fact]
    public async Task A_slow_make_call_is_placed_even_if_the_bridge_socket_drops_while_the_vendor_works_on_it()
    {
        _server = await ScriptedBridgeServer.StartAsync();
        // The vendor SDK's own connection is not the bridge's: a make-call it accepted goes on; only the answer is lost.
        var page = Start([_server], agents: 1, makeCallDelay: TimeSpan.FromMilliseconds(500));
        var connection = await _server.NextConnectionAsync(_timeout.Token);
        var deadline = DateTimeOffset.UtcNow.AddSeconds(20).ToUnixTimeMilliseconds();
        await connection.SendAsync(new { type = "command", id = "c1", method = UdeskMethodNames.MakeCall, args = new object[] { "13800099994", new { BizId = "43" } }, deadline });
        // Commands are read in order: once a later one is answered, the make-call has reached the page.
        await connection.SendAsync(new { type = "command", id = "c2", method = "noSuchMethod", args = Array.Empty<object>(), deadline });
        var answered = await NextOfTypeAsync(connection, "result");
        Assert.Equal("c2", answered.GetProperty("id").GetString());
        connection.Drop();

        // Polled on the page's own phone (no event says "placed" while the socket is down), bounded by the test's limit.
        while (page.Phone.CallsPlaced == 0)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(50), _timeout.Token);
        }

        Assert.Equal(1, page.Phone.CallsPlaced);
    }

    [Fact]
    public async Task A_page_that_reloads_sends_the_events_not_yet_acknowledged_again_from_its_stored_outbox()
    {
        _server = await ScriptedBridgeServer.StartAsync();
        var page = Start([_server], agents: 1, new PageFaults { ReloadRate = 1 });

        var first = await _server.NextConnectionAsync(_timeout.Token);
        var sent = await first.NextEventAsync(_timeout.Token);
        var afterReload = await _server.NextConnectionAsync(_timeout.Token);
        var sentAgain = await afterReload.NextEventAsync(_timeout.Token);

        Assert.Equal(1, sent.GetProperty("seq").GetInt64());
        Assert.Equal(sent.GetRawText(), sentAgain.GetRawText());
        Assert.True(page.Outbox.Count >= 1);
        Assert.True(_run!.Counters.Reloads >= 1);
        Assert.Equal(0, _run.Counters.Forgotten);
    }

    [Fact]
    public async Task A_page_without_a_stored_outbox_that_reloads_forgets_the_events_not_yet_acknowledged()
    {
        _server = await ScriptedBridgeServer.StartAsync();
        var page = Start([_server], agents: 1, new PageFaults { ReloadRate = 1, ReloadForgetsOutbox = true });

        var first = await _server.NextConnectionAsync(_timeout.Token);
        var sent = await first.NextEventAsync(_timeout.Token);
        await _server.NextConnectionAsync(_timeout.Token);

        Assert.Equal(1, sent.GetProperty("seq").GetInt64());
        Assert.Equal(0, page.Outbox.Count);
        Assert.True(_run!.Counters.Reloads >= 1);
        Assert.True(_run.Counters.Forgotten >= 1);
    }

    private SimulatedPage Start(ScriptedBridgeServer server) => Start([server], agents: 1);

    private SimulatedPage Start(ScriptedBridgeServer[] servers, int agents, PageFaults? faults = null, TimeSpan makeCallDelay = default)
    {
        _run = new SimulationRun(new SimulationOptions
        {
            DialerUrls = servers.Select(s => s.BaseUrl).ToArray(),
            Agents = agents,
            Faults = faults ?? PageFaults.None,
            ReconnectMin = TimeSpan.FromMilliseconds(20),
            ReconnectMax = TimeSpan.FromMilliseconds(100),
            MakeCallDelay = makeCallDelay,
        }, TruthLog.None);
        _run.Start();
        return _run.Pages[0];
    }

    private async Task<System.Text.Json.JsonElement> NextOfTypeAsync(ScriptedBridgeServer.Connection connection, string type)
    {
        while (true)
        {
            var message = await connection.ReceiveAsync(_timeout.Token);
            if (message.GetProperty("type").GetString() == type)
            {
                return message;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_run is not null)
        {
            await _run.DisposeAsync();
        }

        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        if (_other is not null)
        {
            await _other.DisposeAsync();
        }

        _timeout.Dispose();
    }
}
