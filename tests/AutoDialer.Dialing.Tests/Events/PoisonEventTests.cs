using System.Diagnostics;
using System.Text.Json;
using System.Threading.Channels;
using AutoDialer.AspNetCore;
using AutoDialer.Core.Events;
using AutoDialer.Core.Telephony;
using AutoDialer.Core.Telephony.Udesk;
using AutoDialer.Simulation;
using AutoDialer.Simulation.Calls;
using AutoDialer.Simulation.InProcess;
using AutoDialer.Testing;
using Dapper;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using AutoDialer.Core.StoredWords;

namespace AutoDialer.Dialing.Tests.Events;

[Collection("postgres")]
public sealed class PoisonEventTests(PostgresFixture postgres)
{
    /// <summary>
    /// Three events PostgreSQL would refuse arrive between a call's Originated and its ConnectionCleared: one whose payload
    /// has a <c>\u0000</c> escape in a field nothing reads (jsonb refuses it: cleaned, and stored), one whose CallID holds a
    /// NUL (a text parameter refuses it, before the event is even stored), one whose CallID is a lone surrogate escape
    /// (jsonb refuses it, and .NET cannot read it as a string). The account's event pump must set the two unreadable ones
    /// aside and go on: the call behind them is settled, and the API counts the two.
    /// </summary>
    [Fact]
    public async Task Events_PostgreSQL_refuses_are_quarantined_and_the_events_behind_them_are_applied()
    {
        var db = await postgres.CreateDatabaseAsync("poison");
        var campaign = await DialingRig.CreateRunningCampaignAsync(db, "poison", contacts: 1, DialingRig.Settings(["a1"]));
        long attempt;
        await using (var connection = await db.OpenConnectionAsync())
        {
            attempt = await connection.ExecuteScalarAsync<long>("""
                insert into attempts (campaign_id, contact_id, provider_account, agent_id, phone, dial_string, node, created_at)
                select campaign_id, id, @account, 'a1', phone, '13800001000', 'node-poison', now() from contacts where campaign_id = @campaign
                returning id
                """, new { account = DialingRig.Account, campaign });
        }
        var events = Channel.CreateUnbounded<CallCenterEvent>();
        var center = new QuietCallCenter(events.Reader);
        await using var host = await DialingRig.StartHostAsync(postgres.ConnectionStringOf(db), "node-poison", new AcceleratedTimeProvider(1),
            s => s.AddSingleton<ICallCenter>(center), d => d.StaleAfter = TimeSpan.FromDays(1));

        var at = DateTimeOffset.UtcNow;
        events.Writer.TryWrite(Event("originated", UdeskEventNames.Originated, at, $$"""{"CallID":"c1","CustomerInfo":{"Number":"13800001000"},"UserData":"{{attempt}}"}"""));
        events.Writer.TryWrite(Event("nul-escape", UdeskEventNames.Delivered, at.AddSeconds(1), """{"CallID":"c9","CustomerInfo":{"City":"\u0000"}}"""));
        events.Writer.TryWrite(Event("nul-call-id", UdeskEventNames.Originated, at.AddSeconds(1), """{"CallID":"c\u0000","CustomerInfo":{"Number":"13800001000"}}"""));
        events.Writer.TryWrite(Event("lone-surrogate", UdeskEventNames.Delivered, at.AddSeconds(1), """{"CallID":"\ud800","CustomerInfo":{"Number":"13800001000"}}"""));
        events.Writer.TryWrite(Event("cleared", UdeskEventNames.ConnectionCleared, at.AddSeconds(2),
            $$"""{"CallID":"c1","CustomerInfo":{"Number":"13800001000"},"UserData":"{{attempt}}","HangupCause":"USER_BUSY"}"""));

        var clock = Stopwatch.StartNew();
        string? outcome = null;
        while (outcome is null)
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), "the call behind the poison events was not settled within 20 s: the pump is blocked");
            await Task.Delay(50);
            await using var connection = await db.OpenConnectionAsync();
            outcome = await connection.ExecuteScalarAsync<string?>("select outcome from attempts where id = @attempt and status = 'settled'", new { attempt });
        }
        Assert.Equal("busy", outcome);

        var address = host.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        using var client = new HttpClient { BaseAddress = new Uri(address) };
        using var quarantine = JsonDocument.Parse(await client.GetStringAsync("/api/events/quarantine"));
        Assert.Equal(["lone-surrogate", "nul-call-id"],
            quarantine.RootElement.GetProperty("recent").EnumerateArray().Select(e => e.GetProperty("event_id").GetString()).Order());
        Assert.Equal(2, quarantine.RootElement.GetProperty("count").GetInt64());
        // The NUL in a field nothing reads (the customer's city) was cleaned: the event is stored, and counts.
        await using var stored = await db.OpenConnectionAsync();
        Assert.Equal(("c9", ""), await stored.QuerySingleAsync<(string, string)>(
            "select call_id, payload->'Data'->'CustomerInfo'->>'City' from call_events where event_id = 'nul-escape'"));
    }

    private static CallCenterEvent Event(string id, string name, DateTimeOffset at, string data)
    {
        using var document = JsonDocument.Parse($$"""{"Code":"{{VendorCodes.Success}}","Data":{{data}},"Message":"","Visible":false}""");
        return new CallCenterEvent(EventVendor.Simulator, DialingRig.Account, "a1", name, at, id, document.RootElement.Clone());
    }

    /// <summary>A call center whose events the test writes, with no sessions and no idle agents: nothing is dialled.</summary>
    private sealed class QuietCallCenter(ChannelReader<CallCenterEvent> events) : ICallCenter
    {
        public string AccountId => DialingRig.Account;
        public string Provider => "simulator";
        public ChannelReader<CallCenterEvent> Events => events;
        public IAgentSession? FindSession(string agentId) => null;

        public Task<VendorResult<IReadOnlyList<AgentStatus>>> GetOtherAgentsAsync(string? state, CancellationToken cancellationToken) =>
            Task.FromResult(VendorResult<IReadOnlyList<AgentStatus>>.Success([]));
    }
}
