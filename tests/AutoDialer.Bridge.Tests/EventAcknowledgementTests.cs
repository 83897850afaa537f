using System.Text.Json;
using AutoDialer.Bridge.Tests.Support;
using AutoDialer.Telephony.Bridge;
using AutoDialer.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace AutoDialer.Bridge.Tests;

/// <summary>
/// Events that are not lost, spoken over a real socket to a real host and PostgreSQL: the page hears an ack only for
/// what is in <c>call_events</c>, resends what was not acked, and storage keeps each event once.
/// </summary>
[Collection("postgres")]
public sealed class EventAcknowledgementTests(PostgresFixture postgres)
{
    private static readonly DateTimeOffset At = DateTimeOffset.UtcNow;

    [Fact]
    public async Task An_event_is_acknowledged_only_once_it_is_in_call_events()
    {
        await using var host = await BridgeHost.StartAsync(postgres);
        await using var page = await SocketPage.ConnectAsync(host, "5001");

        await page.SendEventAsync(seq: 1, At);
        Assert.Equal([1L], await page.WaitForAcksAsync(1));
        // Looked up the moment the ack arrived: had it come before the commit, the row would not be there yet.
        Assert.Equal(1, await StoredAsync(host, "5001"));
        Assert.Equal(1, host.Udesk.Sessions.Queue.Counts.Acknowledged);

        // Counted where an operator looks: /healthz, entry "bridge".
        var health = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(check => check.Name == "bridge");
        var udesk = JsonSerializer.SerializeToElement(health.Entries["bridge"].Data[BridgeHost.UdeskAccount]);
        Assert.Equal(1, udesk.GetProperty("acknowledged").GetInt64());
        Assert.Equal(0, udesk.GetProperty("queued").GetInt32());
    }

    [Fact]
    public async Task A_session_whose_socket_dies_before_the_ack_resends_after_reconnecting_and_each_event_is_stored_once_and_acked()
    {
        await using var host = await BridgeHost.StartAsync(postgres);
        var events = new EventStream(host.Udesk.Sessions);
        var first = await SocketPage.ConnectAsync(host, "5002");
        await using var stalled = await TableLock.TakeAsync(host.Database, "call_events");

        for (var seq = 1; seq <= 3; seq++) await first.SendEventAsync(seq, At.AddMilliseconds(seq));
        await events.WaitForAsync(e => events.Seen.Count == 3);
        first.Abort();
        await first.DisposeAsync();
        await UntilAsync(() => host.Udesk.Sessions.Find("5002") is null, "the dead socket's session ended");
        await stalled.ReleaseAsync();

        // The same page, counting on, gives again what was never acked, on a new socket.
        await using var second = await SocketPage.ConnectAsync(host, "5002");
        for (var seq = 1; seq <= 3; seq++) await second.SendEventAsync(seq, At.AddMilliseconds(seq));
        Assert.Equal([1L, 2, 3], (await second.WaitForAcksAsync(1, 2, 3)).Order());
        Assert.Equal(3, await StoredAsync(host, "5002"));
        await UntilAsync(() => host.Udesk.Sessions.Queue.Counts.SessionEnded == 3, "the first session's three acks counted as session-ended");
    }

    [Fact]
    public async Task With_the_database_not_answering_nothing_is_acked_the_queue_stays_bounded_and_all_is_stored_and_acked_once_it_answers()
    {
        await using var host = await BridgeHost.StartAsync(postgres, new Dictionary<string, string?>
        {
            ["AutoDialer:Bridge:EventQueueCapacity"] = "3",
            ["AutoDialer:Dialing:EventBatchSize"] = "1",
        });
        var sessions = host.Udesk.Sessions;
        var events = new EventStream(sessions);
        await using var page = await SocketPage.ConnectAsync(host, "5003");
        await using var stalled = await TableLock.TakeAsync(host.Database, "call_events");

        for (var seq = 1; seq <= 10; seq++) await page.SendEventAsync(seq, At.AddMilliseconds(seq));
        // One event in the pump's hands (its store waits for the lock), three queued, and the socket's receive loop
        // waiting for room with the fifth; the other five stay with the page.
        await UntilAsync(() => sessions.Queue.WaitingForRoom == 1, "the socket's receive loop waits for room in the full queue");
        Assert.Equal(3, sessions.Queue.Queued);
        await events.WaitForAsync(e => events.Seen.Count == 4);
        Assert.Equal(0, sessions.Queue.Counts.Acknowledged);
        Assert.DoesNotContain(page.Seen, m => m.GetProperty("type").GetString() == BridgeProtocol.Ack);

        await stalled.ReleaseAsync();
        Assert.Equal(Enumerable.Range(1, 10).Select(i => (long)i), (await page.WaitForAcksAsync([.. Enumerable.Range(1, 10).Select(i => (long)i)])).Order());
        Assert.Equal(10, await StoredAsync(host, "5003"));
    }

    [Fact]
    public async Task A_page_held_back_by_a_full_queue_is_not_dropped_for_silence()
    {
        await using var host = await BridgeHost.StartAsync(postgres, new Dictionary<string, string?>
        {
            ["AutoDialer:Bridge:EventQueueCapacity"] = "1",
            ["AutoDialer:Dialing:EventBatchSize"] = "1",
            ["AutoDialer:Bridge:HeartbeatInterval"] = "00:00:00.100",
            ["AutoDialer:Bridge:HeartbeatTimeout"] = "00:00:00.500",
        });
        await using var page = await SocketPage.ConnectAsync(host, "5008");
        await using var stalled = await TableLock.TakeAsync(host.Database, "call_events");
        for (var seq = 1; seq <= 3; seq++) await page.SendEventAsync(seq, At.AddMilliseconds(seq));
        await UntilAsync(() => host.Udesk.Sessions.Queue.WaitingForRoom == 1, "the socket's receive loop waits for room in the full queue");

        // Pings for twice the heartbeat timeout, with the page's receive loop held all along: the session stays.
        for (var i = 0; i < 10; i++) await page.WaitForAsync(BridgeProtocol.Ping);
        Assert.NotNull(host.Udesk.Sessions.Find("5008"));
        await stalled.ReleaseAsync();
        Assert.Equal([1L, 2, 3], (await page.WaitForAcksAsync(1, 2, 3)).Order());
    }

    [Fact]
    public async Task A_graceful_stop_acknowledges_what_it_accepted_before_it_closes_the_socket_and_takes_nothing_new()
    {
        await using var host = await BridgeHost.StartAsync(postgres);
        var events = new EventStream(host.Udesk.Sessions);
        await using var page = await SocketPage.ConnectAsync(host, "5004");
        await using var stalled = await TableLock.TakeAsync(host.Database, "call_events");
        for (var seq = 1; seq <= 3; seq++) await page.SendEventAsync(seq, At.AddMilliseconds(seq));
        await events.WaitForAsync(e => events.Seen.Count == 3);

        var stopping = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping.Register(stopping.SetResult);
        var stopped = host.StopAsync();
        await stopping.Task;
        // Too late for this node: neither acked nor refused, so the page keeps it for the next one; and no call starts.
        await page.SendEventAsync(4, At.AddMilliseconds(4));
        Assert.Null(host.Udesk.FindSession("5004"));
        await stalled.ReleaseAsync();

        var untilClosed = await page.UntilClosedAsync();
        var acked = untilClosed.Where(m => m.GetProperty("type").GetString() == BridgeProtocol.Ack)
            .SelectMany(m => m.GetProperty("seqs").EnumerateArray().Select(s => s.GetInt64())).Order();
        Assert.Equal([1L, 2, 3], acked);
        Assert.DoesNotContain(untilClosed, m => m.GetProperty("type").GetString() == BridgeProtocol.Refused);
        Assert.Equal(BridgeProtocol.CloseGoingAway, page.CloseStatus);
        await stopped;
        Assert.Equal(3, await StoredAsync(host, "5004"));
    }

    [Fact]
    public async Task An_event_resent_long_after_it_happened_keeps_its_time_and_is_stored_once()
    {
        await using var host = await BridgeHost.StartAsync(postgres);
        var anHourAgo = DateTimeOffset.UtcNow.AddHours(-1);
        await using (var first = await SocketPage.ConnectAsync(host, "5007"))
        {
            await first.SendEventAsync(1, anHourAgo);
            await first.WaitForAcksAsync(1);
        }

        // As if the ack had been lost with the socket: the page gives the event again.
        await using var second = await SocketPage.ConnectAsync(host, "5007");
        await second.SendEventAsync(1, anHourAgo);
        await second.WaitForAcksAsync(1);
        await using var stored = host.Database.CreateCommand("select occurred_at from call_events where agent_id = '5007'");
        var times = new List<DateTime>();
        await using (var reader = await stored.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync()) times.Add(reader.GetDateTime(0));
        }

        Assert.Equal(anHourAgo.ToUnixTimeMilliseconds(), new DateTimeOffset(Assert.Single(times), TimeSpan.Zero).ToUnixTimeMilliseconds());
    }

    [Fact]
    public async Task An_event_the_server_will_never_take_is_refused_by_its_seq_and_counted_by_reason()
    {
        await using var host = await BridgeHost.StartAsync(postgres);
        await using var page = await SocketPage.ConnectAsync(host, "5005");

        await page.SendAsync(SocketPage.StateEvent("5006", 1, At));
        await page.SendAsync(new { type = "event", seq = 2, agentId = "5005", name = "NotAVendorEvent", timestamp = At.ToUnixTimeMilliseconds(), payload = new { } });
        await page.SendAsync(new { type = "event", seq = 3, agentId = "5005", name = "Ready", payload = new { Code = "0000" } });
        await page.SendEventAsync(4, At);

        Assert.Equal("other-agent", (await page.WaitForAsync(BridgeProtocol.Refused, m => m.GetProperty("seq").GetInt64() == 1)).GetProperty("reason").GetString());
        Assert.Equal("unknown-event", (await page.WaitForAsync(BridgeProtocol.Refused, m => m.GetProperty("seq").GetInt64() == 2)).GetProperty("reason").GetString());
        Assert.Equal("malformed", (await page.WaitForAsync(BridgeProtocol.Refused, m => m.GetProperty("seq").GetInt64() == 3)).GetProperty("reason").GetString());
        Assert.Equal([4L], await page.WaitForAcksAsync(4));
        Assert.Equal(new Dictionary<string, long> { ["malformed"] = 1, ["other-agent"] = 1, ["unknown-event"] = 1 }, host.Udesk.Sessions.Queue.Counts.Refused);
        Assert.Equal(1, await StoredAsync(host, "5005"));
    }

    private static async Task<long> StoredAsync(BridgeHost host, string agentId)
    {
        await using var count = host.Database.CreateCommand("select count(*) from call_events where agent_id = $1");
        count.Parameters.AddWithValue(agentId);
        return (long)(await count.ExecuteScalarAsync())!;
    }

    /// <summary>Bounded wait for a state no signal marks (a session's cleanup, a receive loop blocking).</summary>
    private static async Task UntilAsync(Func<bool> condition, string what)
    {
        for (var i = 0; i < 200 && !condition(); i++)
        {
            await Task.Delay(50);
        }

        Assert.True(condition(), $"not within 10 s: {what}");
    }
}
