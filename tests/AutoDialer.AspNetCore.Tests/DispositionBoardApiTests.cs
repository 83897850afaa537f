using System.Net;
using System.Text.Json;
using AutoDialer.Core.Dispositions;
using AutoDialer.Dialing.Settlement;
using AutoDialer.PostgreSql.Campaigns;
using AutoDialer.PostgreSql.Settlement;
using AutoDialer.Testing;
using Dapper;

namespace AutoDialer.AspNetCore.Tests;

/// <summary>
/// What the dashboard reads of the agents' dispositions, on PostgreSQL: the campaign's codes counted today and in all,
/// its callbacks with their state now, the daily report and its CSV by disposition, and the audit entry of each one.
/// The dispositions are recorded as an agent's page records them (the settlement's <see cref="AttemptSettler.RecordDispositionAsync"/>).
/// </summary>
[Collection("postgres")]
public sealed class DispositionBoardApiTests(PostgresFixture postgres) : IAsyncLifetime
{
    private ApiServer server = null!;
    private long campaign;
    private readonly Dictionary<string, long> attempts = new(StringComparer.Ordinal);
    private static readonly DateTimeOffset CallbackAt = DateTimeOffset.UtcNow.AddHours(2);

    public async Task InitializeAsync()
    {
        server = await ApiServer.StartAsync(postgres);
        campaign = await server.CreateCampaignAsync("小结看板", new
        {
            schedule = new { time_zone_id = "Asia/Shanghai", windows = new[] { new { day = "monday", start = "09:00:00", end = "18:00:00" } } },
            agent_ids = new[] { "a1", "a2" },
        });
        await server.UploadAndImportAsync(campaign, "phone,name\n13800138000,王伟\n13900139000,李娜\n13700137000,张三\n13600136000,赵六\n"u8.ToArray(), "l.csv");
        var now = DateTimeOffset.UtcNow;
        attempts["王伟"] = await Seed.AttemptAsync(server.Db, campaign, "+8613800138000", "a1", "answered", now, talkSeconds: 60);
        attempts["李娜"] = await Seed.AttemptAsync(server.Db, campaign, "+8613900139000", "a1", "answered", now, talkSeconds: 60);
        attempts["张三"] = await Seed.AttemptAsync(server.Db, campaign, "+8613700137000", "a2", "answered", now, talkSeconds: 60);
        attempts["赵六"] = await Seed.AttemptAsync(server.Db, campaign, "+8613600136000", "a2", "answered", now, talkSeconds: 60);

        await RecordAsync("a1", attempts["王伟"], "success");
        await RecordAsync("a1", attempts["李娜"], "call_back", CallbackAt, "下午再打");
        await RecordAsync("a2", attempts["张三"], "success");
        await RecordAsync("a2", attempts["赵六"], "success");
        // 赵六's call was two days ago: it counts for the campaign, not for today.
        await using var connection = await server.Db.OpenConnectionAsync();
        await connection.ExecuteAsync("update attempts set created_at = created_at - interval '2 days' where id = @id", new { id = attempts["赵六"] });
    }

    public async Task DisposeAsync() => await server.DisposeAsync();

    private async Task RecordAsync(string agent, long attemptId, string code, DateTimeOffset? callbackAt = null, string? note = null)
    {
        var settler = new AttemptSettler(new SettlementStore(server.Db, new CampaignSettingsCache()));
        var (answer, _) = await settler.RecordDispositionAsync("simulator", agent, new DispositionRequest(attemptId, code, callbackAt, note),
            DateTimeOffset.UtcNow, CancellationToken.None);
        Assert.True(answer.Accepted, answer.Message);
    }

    [Fact]
    public async Task The_campaigns_summary_lists_every_code_it_offers_with_its_labels_effect_and_the_calls_of_today_and_in_all()
    {
        var summary = await server.GetJsonAsync($"api/campaigns/{campaign}/dispositions/summary");

        var codes = summary.GetProperty("codes").EnumerateArray().ToList();
        Assert.Equal(["success", "not_interested", "call_back", "try_later", "do_not_call", "wrong_number"],
            codes.Select(c => c.GetProperty("code").GetString()));
        var success = codes[0];
        Assert.Equal(("成功", "Success", "final_success"),
            (success.GetProperty("label_zh").GetString(), success.GetProperty("label_en").GetString(), success.GetProperty("effect").GetString()));
        Assert.Equal((2, 3), (success.GetProperty("today").GetInt64(), success.GetProperty("total").GetInt64()));
        Assert.Equal((1, 1), (codes[2].GetProperty("today").GetInt64(), codes[2].GetProperty("total").GetInt64()));
        Assert.Equal((0, 0), (codes[1].GetProperty("today").GetInt64(), codes[1].GetProperty("total").GetInt64()));
        var today = DateOnly.FromDateTime(DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).DateTime).ToString("yyyy-MM-dd");
        Assert.Equal(today, summary.GetProperty("day").GetString());
        await server.GetJsonAsync("api/campaigns/999999/dispositions/summary", HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_callback_is_listed_with_its_owner_contact_and_note_and_its_state_follows_the_clock_scheduled_due_overdue()
    {
        var listed = Assert.Single((await server.GetJsonAsync($"api/callbacks?campaign_id={campaign}")).EnumerateArray());
        Assert.Equal(("a1", "李娜", "下午再打", "scheduled"), (listed.GetProperty("owner_agent_id").GetString(),
            listed.GetProperty("contact_name").GetString(), listed.GetProperty("note").GetString(), listed.GetProperty("state").GetString()));

        await MoveCallbackAsync(TimeSpan.FromMinutes(-5), TimeSpan.FromMinutes(5));
        Assert.Equal("due", StateOf(await server.GetJsonAsync($"api/callbacks?campaign_id={campaign}")));
        await MoveCallbackAsync(TimeSpan.FromMinutes(-15), TimeSpan.FromMinutes(-5));
        Assert.Equal("overdue", StateOf(await server.GetJsonAsync($"api/callbacks?campaign_id={campaign}")));
    }

    private static string? StateOf(JsonElement list) => Assert.Single(list.EnumerateArray()).GetProperty("state").GetString();

    private async Task MoveCallbackAsync(TimeSpan at, TimeSpan ownerUntil)
    {
        await using var connection = await server.Db.OpenConnectionAsync();
        await connection.ExecuteAsync("update contacts set callback_at = now() + @at, callback_owner_until = now() + @ownerUntil where campaign_id = @campaign and callback_at is not null",
            new { at, ownerUntil, campaign });
    }

    [Fact]
    public async Task Every_disposition_is_on_the_audit_trail_with_its_agent_attempt_contact_code_and_effect()
    {
        var page = await server.GetJsonAsync($"api/audit?action=disposition_record&campaign_id={campaign}");

        var entries = page.GetProperty("entries").EnumerateArray().ToList();
        Assert.Equal(4, entries.Count);
        var callback = Assert.Single(entries, e => e.GetProperty("target_id").GetString() == attempts["李娜"].ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(("agent", "a1", "attempt", campaign), (callback.GetProperty("actor_kind").GetString(), callback.GetProperty("actor").GetString(),
            callback.GetProperty("target_type").GetString(), callback.GetProperty("campaign_id").GetInt64()));
        var details = callback.GetProperty("details");
        Assert.Equal(("call_back", "callback", "simulator"), (details.GetProperty("code").GetString(), details.GetProperty("effect").GetString(),
            details.GetProperty("provider_account").GetString()));
        await using var connection = await server.Db.OpenConnectionAsync();
        Assert.Equal(await connection.ExecuteScalarAsync<long>("select contact_id from attempts where id = @id", new { id = attempts["李娜"] }),
            details.GetProperty("contact_id").GetInt64());
        Assert.Equal(CallbackAt.ToUnixTimeSeconds(), details.GetProperty("due_at").GetDateTimeOffset().ToUnixTimeSeconds());
        Assert.False(details.TryGetProperty("note", out _), "the agent's note is free text about a customer: not audited");
        Assert.Equal(["a1", "a1", "a2", "a2"], entries.Select(e => e.GetProperty("actor").GetString()).Order());
    }

    [Fact]
    public async Task Todays_report_and_its_csv_count_the_days_dials_by_disposition()
    {
        var report = await server.GetJsonAsync($"api/campaigns/{campaign}/reports/today");

        Assert.Equal([("success", "final_success", 2L), ("call_back", "callback", 1L)], report.GetProperty("by_disposition").EnumerateArray()
            .Select(d => (d.GetProperty("code").GetString(), d.GetProperty("effect").GetString(), d.GetProperty("dials").GetInt64())));
        var csv = await server.Client.GetStringAsync($"api/campaigns/{campaign}/reports/{report.GetProperty("day").GetString()}.csv");
        Assert.Contains("disposition,success,final_success,,,,,,2", csv);
        Assert.Contains("disposition,call_back,callback,,,,,,1", csv);
    }
}
