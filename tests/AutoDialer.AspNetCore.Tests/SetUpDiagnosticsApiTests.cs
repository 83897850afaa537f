using System.Net;
using System.Text.Json;
using AutoDialer.Core.Campaigns;
using AutoDialer.Core.Dispatch;
using AutoDialer.Dialing.Telephony;
using AutoDialer.Dialing.Tests;
using AutoDialer.Testing;
using Dapper;
using Microsoft.Extensions.DependencyInjection;

namespace AutoDialer.AspNetCore.Tests;

/// <summary>
/// "Why isn't it dialling?" names each set-up fault, read from the cluster's directory: a server with a Udesk account
/// (whose agents connect through pages) on a clock set by the test; pages of other nodes are rows of bridge_sessions,
/// which is what the cluster shares.
/// </summary>
[Collection("postgres")]
public sealed class SetUpDiagnosticsApiTests(PostgresFixture postgres) : IAsyncLifetime
{
    private static readonly TimeSpan Shanghai = TimeSpan.FromHours(8);

    // Wednesday 2026-06-10 10:00 in Shanghai: inside every window below, no holiday, the calendar covered for months.
    private readonly ManualTimeProvider clock = new(new DateTimeOffset(2026, 6, 10, 10, 0, 0, Shanghai));
    private ApiServer server = null!;

    public async Task InitializeAsync()
    {
        server = await ApiServer.StartAsync(postgres, Udesk(), s => s.AddSingleton<TimeProvider>(clock));
        // The node's first announcement, awaited (the heartbeat's own runs in the background).
        await server.Services.GetRequiredService<ProviderAccountHeartbeat>().AnnounceAsync(CancellationToken.None);
    }

    public async Task DisposeAsync() => await server.DisposeAsync();

    internal static Dictionary<string, string?> Udesk() => new()
    {
        ["AutoDialer:Bridge:SigningKey"] = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray()),
        ["AutoDialer:Udesk:AccountId"] = "udesk",
        ["AutoDialer:Udesk:AppId"] = "app-setup",
        ["AutoDialer:Udesk:AppSecret"] = "udesk-secret-setup",
        ["AutoDialer:Udesk:Domain"] = "wss://udesk.invalid/ws",
        ["AutoDialer:Udesk:HttpDomain"] = "https://udesk.invalid/backend",
    };

    private static CampaignSettings Settings(params string[] agents) => DialingRig.Settings(agents) with
    {
        ProviderAccount = "udesk",
        Schedule = CallingSchedule.Default("Asia/Shanghai"),
    };

    private async Task<long> CampaignAsync(string name, CampaignSettings settings, int contacts = 3)
    {
        var id = await DialingRig.CreateRunningCampaignAsync(server.Db, name, contacts, settings);
        await using var connection = await server.Db.OpenConnectionAsync();
        // Due by the test's clock, not the database's.
        await connection.ExecuteAsync("update contacts set next_due_at = @due where campaign_id = @id", new { id, due = clock.GetUtcNow().AddHours(-1).UtcDateTime });
        return id;
    }

    /// <summary>A page of another node for this agent, saying what its events say (empty: it can take a call).</summary>
    private async Task PageAsync(string agent, string? unavailableReason, string node = "node-b", double liveForSeconds = 30)
    {
        var now = clock.GetUtcNow();
        await using var connection = await server.Db.OpenConnectionAsync();
        await connection.ExecuteAsync("""
            insert into bridge_sessions (provider_account, agent_id, node, session_id, connected_at, last_seen_at, unavailable_reason, expires_at)
            values ('udesk', @agent, @node, gen_random_uuid(), @now, @now, @unavailableReason, @expires)
            on conflict (provider_account, agent_id) do update set unavailable_reason = excluded.unavailable_reason, expires_at = excluded.expires_at
            """, new { agent, node, unavailableReason, now = now.UtcDateTime, expires = now.AddSeconds(liveForSeconds).UtcDateTime });
    }

    /// <summary>
    /// The clock set to a later day: each of the node's timers fires once, as after a long pause, rather than once per
    /// period of the months between (millions of agent sweeps and readiness reports, which took minutes and filled the
    /// test log with hundreds of megabytes).
    /// </summary>
    private void JumpTo(DateTimeOffset at)
    {
        clock.Freeze(at - clock.GetUtcNow());
        clock.Advance(TimeSpan.Zero);
    }

    private async Task<JsonElement> DiagnosticsAsync(long id) => await server.GetJsonAsync($"api/campaigns/{id}/diagnostics");

    private static JsonElement? Fault(JsonElement diagnostics, string code) =>
        diagnostics.GetProperty("faults").EnumerateArray().Cast<JsonElement?>().FirstOrDefault(f => f!.Value.GetProperty("code").GetString() == code);

    private static string[] Codes(JsonElement diagnostics) =>
        diagnostics.GetProperty("faults").EnumerateArray().Select(f => f.GetProperty("code").GetString()!).ToArray();

    [Fact]
    public async Task A_campaign_with_a_connected_ready_agent_has_no_fault()
    {
        var id = await CampaignAsync("ready", Settings("1001"));
        await PageAsync("1001", "");

        var diagnostics = await DiagnosticsAsync(id);

        Assert.Empty(Codes(diagnostics));
        Assert.Equal(1, diagnostics.GetProperty("idle_agents").GetInt32());
    }

    [Fact]
    public async Task No_agents_assigned_is_named_with_the_agents_section()
    {
        var id = await CampaignAsync("no-agents", Settings());

        var fault = Fault(await DiagnosticsAsync(id), "no_agents_assigned");

        Assert.NotNull(fault);
        Assert.Equal("agents", fault.Value.GetProperty("section").GetString());
    }

    [Fact]
    public async Task An_account_no_node_serves_is_named_as_not_configured()
    {
        var id = await CampaignAsync("meiqia-less", Settings("1001") with { ProviderAccount = "meiqia" });

        var diagnostics = await DiagnosticsAsync(id);

        var fault = Fault(diagnostics, "provider_account_not_configured");
        Assert.NotNull(fault);
        Assert.Equal(("meiqia", "provider"), (fault.Value.GetProperty("provider_account").GetString(), fault.Value.GetProperty("section").GetString()));
        // The account this node does serve is not.
        var udesk = await CampaignAsync("udesk-one", Settings("1001"));
        Assert.Null(Fault(await DiagnosticsAsync(udesk), "provider_account_not_configured"));
    }

    [Fact]
    public async Task An_account_served_only_by_another_node_is_configured_and_one_whose_node_stopped_is_not()
    {
        var id = await CampaignAsync("other-node", Settings("1001") with { ProviderAccount = "meiqia" });
        await using (var connection = await server.Db.OpenConnectionAsync())
        {
            await connection.ExecuteAsync("""
                insert into dialer_accounts (provider_account, node, provider, bridge, circuit_open, seen_at, expires_at)
                values ('meiqia', 'node-b', 'meiqia', true, false, @now, @expires)
                """, new { now = clock.GetUtcNow().UtcDateTime, expires = clock.GetUtcNow().AddSeconds(30).UtcDateTime });
        }

        Assert.DoesNotContain("provider_account_not_configured", Codes(await DiagnosticsAsync(id)));
        Assert.Contains("no_agent_connected", Codes(await DiagnosticsAsync(id)));

        clock.Advance(TimeSpan.FromSeconds(31));  // node-b renewed nothing since: it is gone
        await server.Services.GetRequiredService<ProviderAccountHeartbeat>().AnnounceAsync(CancellationToken.None);

        Assert.Contains("provider_account_not_configured", Codes(await DiagnosticsAsync(id)));
    }

    [Fact]
    public async Task No_page_connected_for_any_agent_on_any_node_is_named()
    {
        var id = await CampaignAsync("no-page", Settings("1001", "1002"));
        await PageAsync("3003", "");                        // another campaign's agent
        await PageAsync("1002", "", liveForSeconds: -1);    // a page whose node stopped renewing it

        var diagnostics = await DiagnosticsAsync(id);

        var fault = Fault(diagnostics, "no_agent_connected");
        Assert.NotNull(fault);
        Assert.Equal(2, fault.Value.GetProperty("assigned").GetInt32());
        Assert.Equal(0, diagnostics.GetProperty("idle_agents").GetInt32());
        // Due contacts find no agent able to take a call.
        Assert.Equal(3, diagnostics.GetProperty("reasons").GetProperty("no_agent_idle").GetInt64());
    }

    [Fact]
    public async Task Agents_connected_but_busy_or_not_ready_at_the_vendor_are_named_by_why()
    {
        var id = await CampaignAsync("not-ready", Settings("1001", "1002", "1003"));
        await PageAsync("1001", "on-break");
        await PageAsync("1002", "busy", node: "node-c");

        var diagnostics = await DiagnosticsAsync(id);

        var fault = Fault(diagnostics, "agents_not_ready");
        Assert.NotNull(fault);
        Assert.Equal(2, fault.Value.GetProperty("connected").GetInt32());
        Assert.Equal(1, fault.Value.GetProperty("not_ready").GetProperty("on-break").GetInt32());
        Assert.Equal(1, fault.Value.GetProperty("not_ready").GetProperty("busy").GetInt32());

        await PageAsync("1002", "");  // its agent's call ended

        Assert.DoesNotContain("agents_not_ready", Codes(await DiagnosticsAsync(id)));
    }

    [Fact]
    public async Task No_caller_numbers_for_a_rotation_that_chooses_among_them_is_named()
    {
        var id = await CampaignAsync("no-numbers", Settings("1001") with { CallerNumbers = [], Rotation = new RotationPolicy { Kind = RotationKind.LeastUsed } });
        await PageAsync("1001", "");

        var fault = Fault(await DiagnosticsAsync(id), "no_caller_numbers");

        Assert.NotNull(fault);
        Assert.Equal(("numbers", "least_used"), (fault.Value.GetProperty("section").GetString(), fault.Value.GetProperty("rotation").GetString()));
    }

    /// <summary>Attempts of the campaign the vendor answered <paramref name="code"/> to: refused (no call id) or placed.</summary>
    private async Task MakeCallsAsync(long campaignId, string code, int count, bool placed = false, double minutesAgo = 1)
    {
        await using var connection = await server.Db.OpenConnectionAsync();
        await connection.ExecuteAsync("""
            insert into attempts (campaign_id, contact_id, provider_account, agent_id, phone, dial_string, status, call_id, outcome,
                                  vendor_code, node, created_at, settled_at)
            select c.campaign_id, c.id, 'udesk', '1001', c.phone, c.phone, 'settled', case when @placed then 'call-' || c.id || '-' || g end,
                   'failed', @code, 'node-a', @at, @at
            from contacts c, generate_series(1, @count) g
            where c.campaign_id = @campaignId and c.id = (select min(id) from contacts where campaign_id = @campaignId)
            """, new { campaignId, code, count, placed, at = clock.GetUtcNow().AddMinutes(-minutesAgo).UtcDateTime });
    }

    [Fact]
    public async Task Make_calls_the_vendor_refuses_every_time_are_named_with_their_codes_until_one_is_placed()
    {
        var id = await CampaignAsync("refused", Settings("1001"));
        await PageAsync("1001", "");
        await MakeCallsAsync(id, "AD-SIM-NO-SOURCE", 3);
        await MakeCallsAsync(id, "2001", 5, minutesAgo: 20);  // before the window: not counted

        var fault = Fault(await DiagnosticsAsync(id), "make_calls_failing");

        Assert.NotNull(fault);
        Assert.Equal("provider", fault.Value.GetProperty("section").GetString());
        Assert.Equal("""{"AD-SIM-NO-SOURCE":3}""", fault.Value.GetProperty("failed_by_code").GetRawText());

        await MakeCallsAsync(id, "0000", 1, placed: true);

        Assert.DoesNotContain("make_calls_failing", Codes(await DiagnosticsAsync(id)));
    }

    [Fact]
    public async Task Outside_the_window_is_named_with_the_next_opening()
    {
        clock.Advance(TimeSpan.FromHours(12));  // 22:00, after the 09:00–21:00 window
        await server.Services.GetRequiredService<ProviderAccountHeartbeat>().AnnounceAsync(CancellationToken.None);
        var id = await CampaignAsync("late", Settings("1001"));
        await PageAsync("1001", "");

        var diagnostics = await DiagnosticsAsync(id);

        var fault = Fault(diagnostics, "outside_window");
        Assert.NotNull(fault);
        Assert.Equal(new DateTimeOffset(2026, 6, 11, 9, 0, 0, Shanghai), fault.Value.GetProperty("next_opening").GetDateTimeOffset());
        Assert.Equal(3, diagnostics.GetProperty("reasons").GetProperty("outside_window").GetInt64());
    }

    [Fact]
    public async Task A_holiday_holds_its_contacts_back_as_holiday_and_names_the_break()
    {
        JumpTo(new DateTimeOffset(2026, 10, 2, 10, 0, 0, Shanghai));  // National Day
        await server.Services.GetRequiredService<ProviderAccountHeartbeat>().AnnounceAsync(CancellationToken.None);
        var settings = Settings("1001");
        var id = await CampaignAsync("national-day", settings with { Schedule = settings.Schedule with { HolidayCalendarId = "cn" } }, contacts: 4);
        await PageAsync("1001", "");

        var diagnostics = await DiagnosticsAsync(id);

        Assert.Equal(4, diagnostics.GetProperty("reasons").GetProperty("holiday").GetInt64());
        Assert.Equal(0, diagnostics.GetProperty("reasons").GetProperty("outside_window").GetInt64());
        var fault = Fault(diagnostics, "holiday");
        Assert.NotNull(fault);
        Assert.Equal(("国庆节", "holidays"), (fault.Value.GetProperty("holiday_name_zh").GetString(), fault.Value.GetProperty("section").GetString()));
        Assert.Equal(new DateTimeOffset(2026, 10, 8, 9, 0, 0, Shanghai), fault.Value.GetProperty("next_opening").GetDateTimeOffset());
    }

    [Fact]
    public async Task A_calendar_whose_data_ends_within_thirty_days_is_warned_of()
    {
        JumpTo(new DateTimeOffset(2026, 12, 6, 10, 0, 0, Shanghai));
        await server.Services.GetRequiredService<ProviderAccountHeartbeat>().AnnounceAsync(CancellationToken.None);
        var settings = Settings("1001");
        var id = await CampaignAsync("year-end", settings with { Schedule = settings.Schedule with { HolidayCalendarId = "cn" } });
        await PageAsync("1001", "");

        var fault = Fault(await DiagnosticsAsync(id), "holiday_calendar_ending");

        Assert.NotNull(fault);
        Assert.Equal(("cn", "2026-12-31"), (fault.Value.GetProperty("calendar").GetString(), fault.Value.GetProperty("covered_until").GetString()));
        var calendars = await server.GetJsonAsync("api/holiday-calendars");
        Assert.Equal("ends_soon", Assert.Single(calendars.EnumerateArray()).GetProperty("coverage").GetString());
    }

    [Fact]
    public async Task The_provider_accounts_are_listed_with_their_circuit_and_the_pages_connected_on_any_node()
    {
        await PageAsync("1001", "");
        await PageAsync("1002", "busy", node: "node-c");
        await PageAsync("1003", "", liveForSeconds: -1);

        var accounts = await server.GetJsonAsync("api/provider-accounts");

        var udesk = Assert.Single(accounts.EnumerateArray());
        Assert.Equal(("udesk", "udesk", true, "closed"), (udesk.GetProperty("provider_account").GetString(), udesk.GetProperty("provider").GetString(),
            udesk.GetProperty("bridge").GetBoolean(), udesk.GetProperty("circuit").GetString()));
        Assert.Equal((2, 1), (udesk.GetProperty("connected_pages").GetInt32(), udesk.GetProperty("available_pages").GetInt32()));
    }

    [Fact]
    public async Task The_agents_seen_are_those_on_the_bridge_and_those_the_vendor_listed()
    {
        await PageAsync("1001", "busy");
        await server.Services.GetRequiredService<AutoDialer.PostgreSql.Agents.SeenAgents>()
            .RecordVendorListAsync("udesk", ["1002", "1001"], clock.GetUtcNow(), CancellationToken.None);

        var seen = (await server.GetJsonAsync("api/agents/seen?provider_account=udesk")).EnumerateArray().ToList();

        Assert.Equal(["1001", "1002"], seen.Select(a => a.GetProperty("agent_id").GetString()));
        Assert.True(seen[0].GetProperty("connected").GetBoolean());
        Assert.Equal("busy", seen[0].GetProperty("unavailable_reason").GetString());
        Assert.False(seen[1].GetProperty("connected").GetBoolean());
        Assert.NotEqual(JsonValueKind.Null, seen[1].GetProperty("vendor_seen_at").ValueKind);
        Assert.Empty((await server.GetJsonAsync("api/agents/seen?provider_account=meiqia")).EnumerateArray());
    }
}
