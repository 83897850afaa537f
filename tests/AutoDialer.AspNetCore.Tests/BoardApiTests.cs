using System.Net;
using AutoDialer.Core.Agents;
using AutoDialer.Core.StoredWords;
using AutoDialer.Testing;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using NSubstitute;

namespace AutoDialer.AspNetCore.Tests;

/// <summary>Progress, outcomes, calls per hour, attempts, export, agents and caller numbers, over data the engine would write.</summary>
[Collection("postgres")]
public sealed class BoardApiTests(PostgresFixture postgres) : IAsyncLifetime
{
    private readonly IAgentStates agentStates = Substitute.For<IAgentStates>();
    private ApiServer server = null!;
    private long campaign;

    // 10:xx and 11:xx Shanghai time on a fixed day.
    private static readonly DateTimeOffset Day = new(2025, 3, 3, 10, 5, 0, TimeSpan.FromHours(8));

    public async Task InitializeAsync()
    {
        agentStates.Snapshot().Returns([
            new AgentLiveState("simulator", "agent-1", AgentState.Busy, null, 1, "+8613800138000", Day),
            new AgentLiveState("simulator", "agent-9", AgentState.Idle, null, null, null, Day),
        ]);
        server = await ApiServer.StartAsync(postgres, services: s => s.AddSingleton(agentStates));
        campaign = await server.CreateCampaignAsync("board", new
        {
            schedule = new { time_zone_id = "Asia/Shanghai", windows = new[] { new { day = "monday", start = "09:00:00", end = "18:00:00" } } },
            caller_numbers = new[] { new { id = "n1", number = "+861062345678", area_code = "010", daily_cap = 50 } },
            agent_ids = new[] { "agent-1", "agent-2" },
        });
        await server.UploadAndImportAsync(campaign, "phone,name\n13800138000,=HYPERLINK(\"x\")\n13900139000,李娜\n13700137000,张三\n13600136000,赵六\n"u8.ToArray(), "l.csv");
        await server.PostJsonAsync($"api/campaigns/{campaign}/start", null, HttpStatusCode.OK);

        await Seed.AttemptAsync(server.Db, campaign, "+8613800138000", "agent-1", "no_answer", Day);
        await Seed.AttemptAsync(server.Db, campaign, "+8613800138000", "agent-1", "answered", Day.AddMinutes(30), talkSeconds: 120);
        await Seed.AttemptAsync(server.Db, campaign, "+8613900139000", "agent-2", "busy", Day.AddHours(1));
        await Seed.FinishContactAsync(server.Db, campaign, "+8613800138000", "answered");
        await Seed.FinishContactAsync(server.Db, campaign, "+8613900139000", "busy");
    }

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task Progress_comes_from_the_counters_with_answered_and_failed_apart_and_a_rate_and_eta_while_running()
    {
        var progress = await server.GetJsonAsync($"api/campaigns/{campaign}/progress");
        Assert.Equal(4, progress.GetProperty("contacts").GetInt64());
        Assert.Equal(2, progress.GetProperty("done").GetInt64());
        Assert.Equal(1, progress.GetProperty("answered").GetInt64());
        Assert.Equal(1, progress.GetProperty("failed").GetInt64());
        Assert.Equal(2, progress.GetProperty("remaining").GetInt64());
        // Three attempts over 60 minutes: 2 intervals / 3600 s.
        Assert.Equal(2.0 / 3600, progress.GetProperty("attempts_per_second").GetDouble(), 3);
        Assert.Equal(3600.0, progress.GetProperty("eta_seconds").GetDouble(), 0);

        var list = await server.GetJsonAsync("api/campaigns");
        Assert.Equal(2, list[0].GetProperty("progress").GetProperty("done").GetInt64());
        var outcomes = await server.GetJsonAsync($"api/campaigns/{campaign}/outcomes");
        Assert.Equal((1, 1, 1), (outcomes.GetProperty("answered").GetInt64(), outcomes.GetProperty("no_answer").GetInt64(), outcomes.GetProperty("busy").GetInt64()));
    }

    [Fact]
    public async Task The_progress_query_counts_no_contacts()
    {
        // The counters answer progress; if someone rewrote it as a count over contacts this plan would scan contacts.
        await using var connection = await server.Db.OpenConnectionAsync();
        await connection.ExecuteAsync("delete from contacts where campaign_id = @campaign and state = 'pending'", new { campaign });
        var progress = await server.GetJsonAsync($"api/campaigns/{campaign}/progress");
        Assert.Equal(4, progress.GetProperty("contacts").GetInt64());
    }

    [Fact]
    public async Task Calls_per_hour_are_counted_in_the_campaigns_time_zone_for_every_hour_of_the_day()
    {
        var result = await server.GetJsonAsync($"api/campaigns/{campaign}/calls-per-hour?day=2025-03-03");
        var hours = result.GetProperty("hours").EnumerateArray().ToList();
        Assert.Equal(24, hours.Count);
        Assert.Equal((2, 1), (hours[10].GetProperty("attempts").GetInt64(), hours[10].GetProperty("answered").GetInt64()));
        Assert.Equal(1, hours[11].GetProperty("attempts").GetInt64());
        Assert.Equal(3, hours.Sum(h => h.GetProperty("attempts").GetInt64()));
        var other = await server.GetJsonAsync($"api/campaigns/{campaign}/calls-per-hour?day=2025-03-04");
        Assert.Equal(0, other.GetProperty("hours").EnumerateArray().Sum(h => h.GetProperty("attempts").GetInt64()));
        var problem = await server.GetJsonAsync($"api/campaigns/{campaign}/calls-per-hour?day=03/03/2025", HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("day", out _));
    }

    [Fact]
    public async Task Attempts_are_listed_newest_first_and_filtered_with_phone_numbers_only_in_the_body()
    {
        var all = await server.GetJsonAsync($"api/campaigns/{campaign}/attempts");
        Assert.Equal(["busy", "answered", "no_answer"], all.EnumerateArray().Select(a => a.GetProperty("outcome").GetString()));
        var answered = await server.GetJsonAsync($"api/campaigns/{campaign}/attempts?outcome=answered");
        Assert.Equal(120, Assert.Single(answered.EnumerateArray()).GetProperty("talk_seconds").GetInt32());
        var byAgent = await server.GetJsonAsync($"api/campaigns/{campaign}/attempts?agent_id=agent-2");
        Assert.Single(byAgent.EnumerateArray());
        var paged = await server.GetJsonAsync($"api/campaigns/{campaign}/attempts?limit=1&offset=1");
        Assert.Equal("answered", Assert.Single(paged.EnumerateArray()).GetProperty("outcome").GetString());

        var byPhone = await server.PostJsonAsync($"api/campaigns/{campaign}/attempts/search", new { phone = "139 0013" }, HttpStatusCode.OK);
        Assert.Equal("+8613900139000", Assert.Single(byPhone.EnumerateArray()).GetProperty("phone").GetString());
        var window = await server.PostJsonAsync($"api/campaigns/{campaign}/attempts/search",
            new { from = Day.AddMinutes(10), until = Day.AddMinutes(50) }, HttpStatusCode.OK);
        Assert.Equal("answered", Assert.Single(window.EnumerateArray()).GetProperty("outcome").GetString());

        var bad = await server.GetJsonAsync($"api/campaigns/{campaign}/attempts?outcome=maybe&limit=9999&from=yesterday&phone=138", HttpStatusCode.BadRequest);
        foreach (var field in new[] { "outcome", "limit", "from", "phone" })
            Assert.True(bad.GetProperty("errors").TryGetProperty(field, out _), field);
        using var badBody = await server.Client.PostAsync($"api/campaigns/{campaign}/attempts/search", ApiServer.RawJson("""{"limit":"ten","status":"x"}"""));
        await ApiServer.ReadAsync(badBody, HttpStatusCode.BadRequest);
        await server.PostJsonAsync($"api/campaigns/{campaign}/attempts/search", new { status = "ringing" }, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Results_export_is_csv_with_one_row_per_contact_and_formula_cells_escaped()
    {
        using var response = await server.Client.GetAsync($"api/campaigns/{campaign}/export.csv");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var text = (await response.Content.ReadAsStringAsync()).TrimStart('\uFEFF');
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(5, lines.Length);
        Assert.Contains("'=HYPERLINK", text);
        Assert.Contains("+8613800138000,", text.Replace("\"", ""));
    }

    [Fact]
    public async Task Agents_show_live_state_from_the_engine_and_their_day_from_the_attempts()
    {
        var agents = (await server.GetJsonAsync("api/agents?time_zone=Asia/Shanghai")).EnumerateArray().ToDictionary(a => a.GetProperty("agent_id").GetString()!);
        Assert.Equal(["agent-1", "agent-2", "agent-9"], agents.Keys.Order());
        Assert.Equal("busy", agents["agent-1"].GetProperty("state").GetString());
        Assert.Equal("+86138****8000", agents["agent-1"].GetProperty("current_phone").GetString());
        Assert.Equal("unknown", agents["agent-2"].GetProperty("state").GetString());
        Assert.Equal("idle", agents["agent-9"].GetProperty("state").GetString());
        Assert.Equal(["board"], agents["agent-2"].GetProperty("campaigns").EnumerateArray().Select(c => c.GetString()));
        // The seeded calls are on a past day: today's figures start from zero.
        Assert.Equal(0, agents["agent-1"].GetProperty("calls_today").GetInt64());

        await server.GetJsonAsync("api/agents?time_zone=Mars/Olympus", HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Agents_calls_today_and_talk_time_count_todays_attempts()
    {
        var now = DateTimeOffset.UtcNow;
        await Seed.AttemptAsync(server.Db, campaign, "+8613700137000", "agent-1", "answered", now.AddMinutes(-20), talkSeconds: 300);
        var agent = (await server.GetJsonAsync("api/agents?time_zone=UTC")).EnumerateArray().Single(a => a.GetProperty("agent_id").GetString() == "agent-1");
        Assert.Equal(1, agent.GetProperty("calls_today").GetInt64());
        Assert.Equal(300, agent.GetProperty("talk_seconds_today").GetInt64());
        Assert.InRange(agent.GetProperty("utilisation").GetDouble(), 0.2, 0.26);
    }

    [Fact]
    public async Task Caller_numbers_show_use_against_cap_answer_rate_and_rest()
    {
        await using (var connection = await server.Db.OpenConnectionAsync())
            await connection.ExecuteAsync("""
                update caller_numbers set used_on = (now() at time zone 'Asia/Shanghai')::date, used_today = 7,
                       recent_answered = '{true,false,false,false}', rested_until = now() + interval '1 hour'
                where campaign_id = @campaign
                """, new { campaign });
        var number = Assert.Single((await server.GetJsonAsync("api/caller-numbers")).EnumerateArray());
        Assert.Equal((7, 50), (number.GetProperty("used_today").GetInt32(), number.GetProperty("daily_cap").GetInt32()));
        Assert.Equal(0.25, number.GetProperty("answer_rate").GetDouble());
        Assert.True(number.GetProperty("rested").GetBoolean());
        Assert.Single((await server.GetJsonAsync($"api/caller-numbers?campaign_id={campaign}")).EnumerateArray());
        Assert.Empty((await server.GetJsonAsync("api/caller-numbers?campaign_id=999")).EnumerateArray());
        await server.GetJsonAsync("api/caller-numbers?campaign_id=first", HttpStatusCode.BadRequest);
    }
}
