using System.Net.WebSockets;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using AutoDialer.AspNetCore.Bridge;
using AutoDialer.Bridge.Tests.Support;
using AutoDialer.Telephony.Bridge;
using AutoDialer.Testing;

namespace AutoDialer.Bridge.Tests;

/// <summary>The bridge socket spoken to directly, without a browser: authentication and heartbeats.</summary>
[Collection("postgres")]
public sealed class BridgeSocketTests(PostgresFixture postgres)
{
    [Fact]
    public async Task A_socket_without_a_valid_token_is_closed_as_unauthorized()
    {
        await using var host = await BridgeHost.StartAsync(postgres);
        using var socket = await ConnectAsync(host);
        await SendAsync(socket, new { type = "hello", token = "forged.token", provider = "udesk", agentId = "1001" });
        var (status, _) = await UntilClosedAsync(socket);
        Assert.Equal(BridgeProtocol.CloseUnauthorized, status);
        Assert.Null(host.Udesk.FindSession("1001"));
    }

    [Fact]
    public async Task A_token_for_one_agent_cannot_open_a_session_for_another()
    {
        await using var host = await BridgeHost.StartAsync(postgres);
        var token = await TokenAsync(host, "1001");
        using var socket = await ConnectAsync(host);
        await SendAsync(socket, new { type = "hello", token, provider = "udesk", agentId = "1002" });
        Assert.Equal(BridgeProtocol.CloseUnauthorized, (await UntilClosedAsync(socket)).Status);
        Assert.Null(host.Udesk.FindSession("1002"));
        Assert.Null(host.Udesk.FindSession("1001"));
    }

    [Fact]
    public async Task A_session_that_stops_answering_pings_is_dropped_and_unregistered()
    {
        await using var host = await BridgeHost.StartAsync(postgres, new Dictionary<string, string?>
        {
            ["AutoDialer:Bridge:HeartbeatInterval"] = "00:00:00.100",
            ["AutoDialer:Bridge:HeartbeatTimeout"] = "00:00:00.500",
        });
        var token = await TokenAsync(host, "1001");
        using var socket = await ConnectAsync(host);
        await SendAsync(socket, new { type = "hello", token, provider = "udesk", agentId = "1001" });

        // Never answer a ping: the server must give up on its own.
        var (status, messages) = await UntilClosedAsync(socket);
        Assert.Equal(BridgeProtocol.CloseHeartbeatTimeout, status);
        Assert.Equal(BridgeProtocol.Welcome, messages[0].GetProperty("type").GetString());
        Assert.Contains(messages, m => m.GetProperty("type").GetString() == BridgeProtocol.Ping);
        Assert.Null(host.Udesk.FindSession("1001"));
        Assert.Contains(host.Logs.Lines, l => l.Text.Contains("missed its heartbeats", StringComparison.Ordinal));

        // Unregistered after the handler's cleanup, which follows the close; bounded poll, since no signal marks it.
        await using var count = host.Database.CreateCommand("select count(*) from bridge_sessions");
        for (var i = 0; i < 50 && (long)(await count.ExecuteScalarAsync())! != 0; i++)
        {
            await Task.Delay(100);
        }

        Assert.Equal(0L, await count.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Commands_end_by_deadline_by_loss_or_unsent_never_by_a_repeat()
    {
        var clock = new ManualTimeProvider();
        var options = new BridgeOptions { MakeCallTimeout = TimeSpan.FromSeconds(15) };
        var center = new AutoDialer.Telephony.Udesk.UdeskCallCenter(
            new AutoDialer.Telephony.Udesk.UdeskOptions { AccountId = "u" }, options, clock,
            Microsoft.Extensions.Logging.Abstractions.NullLogger<AutoDialer.Telephony.Udesk.UdeskCallCenter>.Instance);
        var page = new FakeTransport();
        var session = center.Sessions.Connect("1001", page);
        var agent = center.FindSession("1001")!;

        var timedOut = agent.MakeCallAsync(new("+8613800000001", "1"), CancellationToken.None);
        var command = await page.NextCommandAsync();
        Assert.Equal(clock.GetUtcNow().AddSeconds(15).ToUnixTimeMilliseconds(), command.GetProperty("deadline").GetInt64());
        clock.Advance(TimeSpan.FromSeconds(15));
        Assert.Equal(AutoDialer.Core.Telephony.VendorCodes.Timeout, (await timedOut).Code);
        // A late result changes nothing.
        Assert.False(session.CompleteCommand(command.GetProperty("id").GetString()!, BridgeReplyStatus.Resolved, default));

        var lost = agent.MakeCallAsync(new("+8613800000002", "2"), CancellationToken.None);
        await page.NextCommandAsync();
        center.Sessions.Disconnect(session, "gone");
        Assert.Equal(AutoDialer.Core.Telephony.VendorCodes.Timeout, (await lost).Code);
        Assert.Null(center.FindSession("1001"));

        var unsent = new FakeTransport { FailSends = true };
        center.Sessions.Connect("1002", unsent);
        var notSent = await center.FindSession("1002")!.MakeCallAsync(new("+8613800000003", "3"), CancellationToken.None);
        Assert.Equal(AutoDialer.Core.Telephony.VendorCodes.NoSession, notSent.Code);
        Assert.False(page.TryTakeCommand(out _));
    }

    /// <summary>
    /// The make-call's deadline is the one the dial fence was taken with, not a fresh timeout after the caller number's
    /// trunk was selected on the agent (which can take seconds): the page gets it, the server waits until it and no longer,
    /// and a node that gets to the make-call only after it (it froze, say) sends nothing.
    /// </summary>
    [Fact]
    public async Task The_make_call_carries_the_fences_deadline_across_a_trunk_selection_and_nothing_is_sent_past_it_and_its_answer_is_awaited_for_the_timeout()
    {
        var clock = new ManualTimeProvider();
        var options = new BridgeOptions { MakeCallTimeout = TimeSpan.FromSeconds(15) };
        var center = new AutoDialer.Telephony.Udesk.UdeskCallCenter(
            new AutoDialer.Telephony.Udesk.UdeskOptions { AccountId = "u" }, options, clock,
            Microsoft.Extensions.Logging.Abstractions.NullLogger<AutoDialer.Telephony.Udesk.UdeskCallCenter>.Instance);
        var page = new FakeTransport();
        var session = center.Sessions.Connect("1001", page);
        var agent = center.FindSession("1001")!;
        var deadline = clock.GetUtcNow().AddSeconds(10);

        var call = agent.MakeCallAsync(new("+8613800000001", "1", NumberSource: new(AutoDialer.Core.Telephony.NumberSourceType.TrunkNumber, "sp-1"), Deadline: deadline),
            CancellationToken.None);
        var selecting = await page.NextCommandAsync();
        Assert.Equal("SetSpNumberPoolNumAsync", selecting.GetProperty("method").GetString());
        clock.Advance(TimeSpan.FromSeconds(4));
        session.CompleteCommand(selecting.GetProperty("id").GetString()!, BridgeReplyStatus.Resolved,
            JsonDocument.Parse("{\"Code\":\"0000\",\"Message\":\"\",\"Data\":null,\"Visible\":false}").RootElement);
        var makeCall = await page.NextCommandAsync();

        Assert.Equal("MakeCallAsync", makeCall.GetProperty("method").GetString());
        Assert.Equal(deadline.ToUnixTimeMilliseconds(), makeCall.GetProperty("deadline").GetInt64());
        // The page may not start the call after the deadline, but its answer (or its word that it hung up a call the
        // vendor placed late) is awaited for the make-call timeout from the send: 4 s + 15 s.
        clock.Advance(TimeSpan.FromSeconds(6));
        Assert.False(call.IsCompleted, "the answer was given up at the page's deadline, not after the make-call timeout");
        clock.Advance(TimeSpan.FromSeconds(9));
        Assert.Equal(AutoDialer.Core.Telephony.VendorCodes.Timeout, (await call).Code);

        var afterDeadline = await agent.MakeCallAsync(new("+8613800000002", "2", Deadline: clock.GetUtcNow().AddSeconds(-1)), CancellationToken.None);
        Assert.Equal(AutoDialer.Core.Telephony.VendorCodes.DeadlinePassed, afterDeadline.Code);
        Assert.False(page.TryTakeCommand(out _));
    }

    [Fact]
    public async Task The_page_is_sent_the_dialing_engines_make_call_timeout_as_the_make_call_deadline()
    {
        await using var host = await BridgeHost.StartAsync(postgres, new Dictionary<string, string?> { ["AutoDialer:Dialing:MakeCallTimeout"] = "00:00:07" });
        await using var page = await SocketPage.ConnectAsync(host, "1001");
        var sentAt = DateTimeOffset.UtcNow;
        var call = host.Udesk.FindSession("1001")!.MakeCallAsync(new("+8613800000001", "1"), CancellationToken.None);

        var command = await page.WaitForAsync(BridgeProtocol.Command, c => c.GetProperty("method").GetString() == "MakeCallAsync");
        var deadline = DateTimeOffset.FromUnixTimeMilliseconds(command.GetProperty("deadline").GetInt64());
        Assert.InRange(deadline - sentAt, TimeSpan.FromSeconds(6), TimeSpan.FromSeconds(8));
        await page.SendAsync(new { type = "result", id = command.GetProperty("id").GetString(), status = "resolved", value = new { Code = "0000", Data = (object?)null, Message = "", Visible = false } });
        Assert.True((await call).IsSuccess);
    }

    [Fact]
    public async Task A_separate_bridge_make_call_timeout_is_refused_at_startup()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => BridgeHost.StartAsync(postgres, new Dictionary<string, string?> { ["AutoDialer:Bridge:MakeCallTimeout"] = "00:00:15" }));
        Assert.Contains("AutoDialer:Dialing:MakeCallTimeout", error.Message, StringComparison.Ordinal);
    }

    private static async Task<string> TokenAsync(BridgeHost host, string agentId)
    {
        using var http = host.CreateClient();
        var response = await http.PostAsync($"/api/agents/{agentId}/bridge-token?providerAccount={BridgeHost.UdeskAccount}", null);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
    }

    private static async Task<ClientWebSocket> ConnectAsync(BridgeHost host)
    {
        var socket = new ClientWebSocket();
        await socket.ConnectAsync(new Uri(host.Url(BridgeEndpointRouteBuilderExtensions.SocketPath).ToString().Replace("http", "ws", StringComparison.Ordinal)), CancellationToken.None);
        return socket;
    }

    private static Task SendAsync(ClientWebSocket socket, object message) =>
        socket.SendAsync(JsonSerializer.SerializeToUtf8Bytes(message), WebSocketMessageType.Text, true, CancellationToken.None);

    /// <summary>Every message until the server closes (bounded: 10 s), and the close status.</summary>
    private static async Task<(int? Status, List<JsonElement> Messages)> UntilClosedAsync(ClientWebSocket socket)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var messages = new List<JsonElement>();
        var buffer = new byte[64 * 1024];
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer, timeout.Token);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return ((int?)result.CloseStatus, messages);
            }

            messages.Add(JsonDocument.Parse(Encoding.UTF8.GetString(buffer, 0, result.Count)).RootElement.Clone());
        }
    }
}
