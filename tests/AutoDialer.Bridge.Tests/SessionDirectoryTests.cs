using AutoDialer.Bridge.Tests.Support;
using AutoDialer.Telephony.Bridge;
using AutoDialer.Testing;
using Dapper;
using Microsoft.Extensions.DependencyInjection;

namespace AutoDialer.Bridge.Tests;

/// <summary>
/// <c>bridge_sessions</c> says which node holds each agent's page; the newest session (the one that connected last)
/// owns the row, and an older session that finds the row taken ends itself as replaced.
/// </summary>
[Collection("postgres")]
public sealed class SessionDirectoryTests(PostgresFixture postgres)
{
    private static readonly Dictionary<string, string?> FastHeartbeat = new()
    {
        ["AutoDialer:Bridge:HeartbeatInterval"] = "00:00:00.100",
        ["AutoDialer:Bridge:HeartbeatTimeout"] = "00:00:05",
    };

    /// <summary>
    /// Found by the chaos run: a page reconnected to its own node while PostgreSQL was restarting, so its
    /// registration never landed and the row still named its older session on the other node; at the next heartbeat
    /// the node took that for a takeover and ended the live session as replaced, and the page (like the real script)
    /// never came back: 20 of 50 agents were gone for the rest of the run. A session whose claim did not land claims
    /// the row at its next heartbeat instead.
    /// </summary>
    [Fact]
    public async Task A_session_whose_registration_did_not_land_claims_the_row_at_its_next_heartbeat_and_stays()
    {
        await using var host = await BridgeHost.StartAsync(postgres, FastHeartbeat);
        await using var page = await SocketPage.ConnectAsync(host, "6001");
        await using (var connection = await host.Database.OpenConnectionAsync())
        {
            // The row as the failed registration left it: an older session of the agent, on another node.
            await connection.ExecuteAsync("""
                update bridge_sessions set session_id = gen_random_uuid(), node = 'other-node', connected_at = connected_at - interval '1 minute'
                where agent_id = '6001'
                """);
        }

        for (var i = 0; i < 5; i++) await page.WaitForAsync(BridgeProtocol.Ping);

        Assert.NotNull(host.Udesk.Sessions.Find("6001"));
        await using var read = await host.Database.OpenConnectionAsync();
        Assert.Equal(host.Services.GetRequiredService<AutoDialer.Dialing.Agents.BridgeSessionDirectory>().Node, await read.ExecuteScalarAsync<string>("select node from bridge_sessions where agent_id = '6001'"));
    }

    [Fact]
    public async Task A_session_that_finds_a_newer_session_of_its_agent_in_the_row_ends_as_replaced()
    {
        await using var host = await BridgeHost.StartAsync(postgres, FastHeartbeat);
        await using var page = await SocketPage.ConnectAsync(host, "6002");
        await using (var connection = await host.Database.OpenConnectionAsync())
        {
            await connection.ExecuteAsync("""
                update bridge_sessions set session_id = gen_random_uuid(), node = 'other-node', connected_at = connected_at + interval '1 second'
                where agent_id = '6002'
                """);
        }

        await page.UntilClosedAsync();

        Assert.Equal(BridgeProtocol.CloseReplaced, page.CloseStatus);
    }

    /// <summary>
    /// A node whose clock ran an hour ahead recorded its agent's session, then crashed. Whether its row is still live is
    /// PostgreSQL's clock, not the crashed node's: once a heartbeat and its timeout have passed on the database's clock,
    /// the agent's next session, on a node with a right clock, owns the row and stays (it is not closed as replaced,
    /// 4001, for the hour the crashed node's clock was ahead).
    /// </summary>
    [Fact]
    public async Task A_crashed_node_whose_clock_ran_ahead_does_not_lock_its_agents_next_session_out()
    {
        await using var host = await BridgeHost.StartAsync(postgres, FastHeartbeat);
        var ahead = new ManualTimeProvider(DateTimeOffset.UtcNow.AddHours(1));
        var options = new BridgeOptions { NodeId = "ahead-node", HeartbeatInterval = TimeSpan.FromMilliseconds(100), HeartbeatTimeout = TimeSpan.FromMilliseconds(400) };
        var center = new AutoDialer.Telephony.Udesk.UdeskCallCenter(new AutoDialer.Telephony.Udesk.UdeskOptions { AccountId = BridgeHost.UdeskAccount }, options, ahead,
            Microsoft.Extensions.Logging.Abstractions.NullLogger<AutoDialer.Telephony.Udesk.UdeskCallCenter>.Instance);
        var crashed = center.Sessions.Connect("6004", new FakeTransport());
        await new AutoDialer.Dialing.Agents.BridgeSessionDirectory(host.Database, options,
            Microsoft.Extensions.Logging.Abstractions.NullLogger<AutoDialer.Dialing.Agents.BridgeSessionDirectory>.Instance).RegisterAsync(crashed, CancellationToken.None);
        // It crashes: nothing renews its row. A bounded poll on the database's own clock until the row's heartbeat and
        // timeout have passed.
        await using var connection = await host.Database.OpenConnectionAsync();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!await connection.ExecuteScalarAsync<bool>("select expires_at < clock_timestamp() from bridge_sessions where agent_id = '6004'"))
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), "the crashed node's row is still live: " +
                await connection.ExecuteScalarAsync<string>("select format('expires_at %s, database clock %s', expires_at, clock_timestamp()) from bridge_sessions where agent_id = '6004'"));
            await Task.Delay(50);
        }

        await using var page = await SocketPage.ConnectAsync(host, "6004");
        for (var i = 0; i < 5; i++) await page.WaitForAsync(BridgeProtocol.Ping);

        Assert.NotNull(host.Udesk.Sessions.Find("6004"));
        Assert.Equal(host.Services.GetRequiredService<AutoDialer.Dialing.Agents.BridgeSessionDirectory>().Node,
            await connection.ExecuteScalarAsync<string>("select node from bridge_sessions where agent_id = '6004'"));
    }

    /// <summary>
    /// The fixed cost of an agent: the node renews the rows of all its sessions in one statement an interval
    /// (<see cref="AutoDialer.AspNetCore.Bridge.BridgeDirectoryHeartbeat"/>), not one statement (and a pooled session's reset) per
    /// session. The default interval (10 s) keeps the node's own timer out of the test: the one heartbeat is the test's.
    /// </summary>
    [Fact]
    public async Task One_heartbeat_of_the_node_renews_the_rows_of_all_its_sessions()
    {
        await using var host = await BridgeHost.StartAsync(postgres);
        await using var first = await SocketPage.ConnectAsync(host, "6011");
        await using var second = await SocketPage.ConnectAsync(host, "6012");
        await using var third = await SocketPage.ConnectAsync(host, "6013");
        await using var connection = await host.Database.OpenConnectionAsync();
        await connection.ExecuteAsync("update bridge_sessions set last_seen_at = '2000-01-01', expires_at = '2000-01-01'");

        var replaced = await Heartbeat(host).BeatAsync(CancellationToken.None);

        Assert.Equal(0, replaced);
        Assert.Equal(["6011", "6012", "6013"], await connection.QueryAsync<string>(
            "select agent_id from bridge_sessions where last_seen_at > '2000-01-01' and expires_at > clock_timestamp() order by agent_id"));
        Assert.Equal(3, host.Udesk.Sessions.Connected().Count);
    }

    private static AutoDialer.AspNetCore.Bridge.BridgeDirectoryHeartbeat Heartbeat(BridgeHost host) =>
        host.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<AutoDialer.AspNetCore.Bridge.BridgeDirectoryHeartbeat>().Single();

    /// <summary>
    /// The cluster's directory of connected agents: every node reads bridge_sessions to say whether a campaign's agents
    /// have a page anywhere and can take a call, and seen_agents to offer agents on the settings page.
    /// </summary>
    [Fact]
    public async Task A_page_is_recorded_as_seen_and_its_heartbeat_writes_what_its_events_say_of_the_agent()
    {
        await using var host = await BridgeHost.StartAsync(postgres, FastHeartbeat);
        await using var page = await SocketPage.ConnectAsync(host, "6003");
        await using var connection = await host.Database.OpenConnectionAsync();

        Assert.NotNull(await connection.ExecuteScalarAsync<DateTime?>("select bridge_seen_at from seen_agents where provider_account = 'udesk-test' and agent_id = '6003'"));
        Assert.Equal("", await connection.ExecuteScalarAsync<string>("select unavailable_reason from bridge_sessions where agent_id = '6003'"));

        await page.SendAsync(new
        {
            type = "event", seq = 1L, agentId = "6003", name = "AgentStateChanged", timestamp = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(),
            payload = new { Code = "0000", Data = new { CurState = "onBreak", CurStateSubId = "101", OldState = "idle" }, Message = "", Visible = false },
        });
        await page.WaitForAcksAsync(1);
        // The node's heartbeat after the event was taken writes the row.
        await Heartbeat(host).BeatAsync(CancellationToken.None);

        var row = await connection.QuerySingleAsync<(string unavailable_reason, DateTime expires_at)>(
            "select unavailable_reason, expires_at from bridge_sessions where agent_id = '6003'");
        Assert.Equal("on-break", row.unavailable_reason);
        Assert.True(row.expires_at > DateTime.UtcNow, "the row is live until a heartbeat and its timeout have passed");
    }
}
