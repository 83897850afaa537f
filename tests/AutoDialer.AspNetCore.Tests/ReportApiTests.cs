using System.Net;
using System.Text;
using System.Text.Json;
using AutoDialer.PostgreSql.Campaigns;
using AutoDialer.PostgreSql.Nightly;
using AutoDialer.Testing;

namespace AutoDialer.AspNetCore.Tests;

/// <summary>
/// Daily reports over the API: a seeded campaign-day against figures worked out by hand (the day's bounds in the
/// campaign's zone included), the CSV download, the nightly batch's stored report, and today's computed on request.
/// </summary>
[Collection("postgres")]
public sealed class ReportApiTests(PostgresFixture postgres) : IAsyncLifetime
{
    private static readonly TimeSpan Shanghai = TimeSpan.FromHours(8);
    private static readonly DateOnly Day = new(2025, 3, 3);
    private ApiServer server = null!;

    public async Task InitializeAsync() => server = await ApiServer.StartAsync(postgres);
    public async Task DisposeAsync() => await server.DisposeAsync();

    private static DateTimeOffset Local(int day, int hour, int minute) => new(2025, 3, day, hour, minute, 0, Shanghai);

    /// <summary>
    /// The day 2025-03-03 in Shanghai, by hand: 7 dials (one still in progress), 3 answered (60 + 120 + 30 = 210 s of
    /// talk); agent a1 4 dials, 2 answered, 90 s; agent @a2 3, 1, 120 s; number n1 4, 1, 60 s; n2 3, 2, 150 s; hours 09
    /// (3, 2, 180 s), 14 (2, 1, 30 s), 23 (2, 0). The minute before and the minute after the day are not in it, nor
    /// another campaign's calls.
    /// </summary>
    private async Task<long> SeedDayAsync()
    {
        var id = await server.CreateCampaignAsync("日报");
        var phones = Enumerable.Range(0, 10).Select(i => $"+86138001380{i:D2}").ToArray();
        await server.UploadAndImportAsync(id, Encoding.UTF8.GetBytes("phone\n" + string.Join("\n", phones) + "\n"), "day.csv");
        var other = await server.CreateCampaignAsync("其他活动");
        await server.UploadAndImportAsync(other, "phone\n13900139000\n"u8.ToArray(), "other.csv");

        await Seed.AttemptAsync(server.Db, id, phones[0], "a1", "answered", Local(3, 9, 10), talkSeconds: 60, callerNumberId: "n1");
        await Seed.AttemptAsync(server.Db, id, phones[1], "a1", "no_answer", Local(3, 9, 40), callerNumberId: "n1");
        await Seed.AttemptAsync(server.Db, id, phones[2], "@a2", "answered", Local(3, 9, 55), talkSeconds: 120, callerNumber: "+862161234567", callerNumberId: "n2");
        await Seed.AttemptAsync(server.Db, id, phones[3], "@a2", "busy", Local(3, 14, 5), callerNumber: "+862161234567", callerNumberId: "n2");
        await Seed.AttemptAsync(server.Db, id, phones[4], "a1", "answered", Local(3, 14, 30), talkSeconds: 30, callerNumber: "+862161234567", callerNumberId: "n2");
        await Seed.AttemptAsync(server.Db, id, phones[5], "@a2", "failed", Local(3, 23, 50), callerNumberId: "n1");
        await Seed.AttemptAsync(server.Db, id, phones[6], "a1", null, Local(3, 23, 59), status: "placed", callerNumberId: "n1");
        await Seed.AttemptAsync(server.Db, id, phones[7], "a1", "answered", Local(2, 23, 59), talkSeconds: 999, callerNumberId: "n1");
        await Seed.AttemptAsync(server.Db, id, phones[8], "a1", "answered", Local(4, 0, 0), talkSeconds: 999, callerNumberId: "n1");
        await Seed.AttemptAsync(server.Db, other, "+8613900139000", "a1", "answered", Local(3, 10, 0), talkSeconds: 999);
        return id;
    }

    [Fact]
    public async Task A_seeded_day_reports_the_figures_worked_out_by_hand()
    {
        var id = await SeedDayAsync();

        var report = await server.GetJsonAsync($"api/campaigns/{id}/reports/2025-03-03");

        Assert.Equal(("2025-03-03", "Asia/Shanghai", false), (report.GetProperty("day").GetString(), report.GetProperty("time_zone").GetString(), report.GetProperty("closed").GetBoolean()));
        var totals = report.GetProperty("totals");
        Assert.Equal((7L, 3L, 210L, 0.4286, 70.0), (totals.GetProperty("dials").GetInt64(), totals.GetProperty("answered").GetInt64(),
            totals.GetProperty("talk_seconds").GetInt64(), totals.GetProperty("answer_rate").GetDouble(), totals.GetProperty("average_talk_seconds").GetDouble()));

        var hours = report.GetProperty("by_hour").EnumerateArray().ToList();
        Assert.Equal(24, hours.Count);
        Assert.Equal([(9, 3L, 2L, 180L), (14, 2L, 1L, 30L), (23, 2L, 0L, 0L)],
            hours.Where(h => h.GetProperty("dials").GetInt64() > 0).Select(h => (h.GetProperty("hour").GetInt32(), h.GetProperty("dials").GetInt64(),
                h.GetProperty("answered").GetInt64(), h.GetProperty("talk_seconds").GetInt64())));
        Assert.Equal(JsonValueKind.Null, hours[23].GetProperty("average_talk_seconds").ValueKind);

        Assert.Equal([("a1", 4L, 2L, 90L, 45.0), ("@a2", 3L, 1L, 120L, 120.0)], report.GetProperty("by_agent").EnumerateArray().Select(a =>
            (a.GetProperty("agent_id").GetString(), a.GetProperty("dials").GetInt64(), a.GetProperty("answered").GetInt64(),
                a.GetProperty("talk_seconds").GetInt64(), a.GetProperty("average_talk_seconds").GetDouble())));
        Assert.Equal([("n1", "+861062345678", 4L, 1L, 0.25), ("n2", "+862161234567", 3L, 2L, 0.6667)], report.GetProperty("by_caller_number").EnumerateArray().Select(n =>
            (n.GetProperty("caller_number_id").GetString(), n.GetProperty("caller_number").GetString(), n.GetProperty("dials").GetInt64(),
                n.GetProperty("answered").GetInt64(), n.GetProperty("answer_rate").GetDouble())));
        Assert.Equal([("answered", 3L), ("busy", 1L), ("failed", 1L), ("in_progress", 1L), ("no_answer", 1L)],
            report.GetProperty("by_outcome").EnumerateArray().Select(o => (o.GetProperty("outcome").GetString(), o.GetProperty("dials").GetInt64())));
    }

    [Fact]
    public async Task The_csv_download_is_one_spreadsheet_safe_table_of_the_same_figures()
    {
        var id = await SeedDayAsync();

        using var response = await server.Client.GetAsync($"api/campaigns/{id}/reports/2025-03-03.csv");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains($"campaign-{id}-report-2025-03-03.csv", response.Content.Headers.ContentDisposition?.ToString());
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("section,key,label,dials,answered,answer_rate,talk_seconds,average_talk_seconds,count", lines[0]);
        Assert.Equal("total,2025-03-03,日报,7,3,0.4286,210,70,", lines[1]);
        Assert.Contains("hour,09,09:00–10:00,3,2,0.6667,180,90,", lines);
        Assert.Contains("hour,23,23:00–24:00,2,0,0,0,,", lines);
        Assert.Contains("agent,a1,,4,2,0.5,90,45,", lines);
        // An agent id a spreadsheet would run as a formula is written as text.
        Assert.Contains("agent,\"'@a2\",,3,1,0.3333,120,120,", lines);
        Assert.Contains("caller_number,n2,\"'+862161234567\",3,2,0.6667,150,75,", lines);
        Assert.Contains("outcome,in_progress,,,,,,,1", lines);
        Assert.Equal(1 + 1 + 24 + 2 + 2 + 5, lines.Length);
    }

    [Fact]
    public async Task A_day_the_nightly_batch_closed_is_read_as_it_stored_it_with_what_it_did()
    {
        var id = await SeedDayAsync();
        var result = await new NightlyRetryBatch(server.Db, new CampaignSettingsCache()).RunAsync(id, Day, CancellationToken.None);
        Assert.False(result.AlreadyClosed);
        // A late write to a closed day does not change its report: the stored one is read, not recomputed.
        await Seed.AttemptAsync(server.Db, id, "+8613800138009", "a1", "answered", Local(3, 12, 0), talkSeconds: 500);

        var report = await server.GetJsonAsync($"api/campaigns/{id}/reports/2025-03-03");

        Assert.True(report.GetProperty("closed").GetBoolean());
        Assert.Equal((7L, 210L), (report.GetProperty("totals").GetProperty("dials").GetInt64(), report.GetProperty("totals").GetProperty("talk_seconds").GetInt64()));
        Assert.Equal(10, report.GetProperty("close").GetProperty("contacts").GetInt64());
        var days = await server.GetJsonAsync($"api/campaigns/{id}/reports");
        var closed = Assert.Single(days.GetProperty("closed_days").EnumerateArray());
        Assert.Equal(("2025-03-03", 7L, 3L), (closed.GetProperty("day").GetString(), closed.GetProperty("dials").GetInt64(), closed.GetProperty("answered").GetInt64()));
        using var csv = await server.Client.GetAsync($"api/campaigns/{id}/reports/2025-03-03.csv");
        Assert.Contains("contacts,total,,,,,,,10", await csv.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Today_is_computed_on_request_in_the_campaigns_zone()
    {
        var id = await server.CreateCampaignAsync("今天");
        await server.UploadAndImportAsync(id, "phone\n13800138000\n"u8.ToArray(), "today.csv");
        await Seed.AttemptAsync(server.Db, id, "+8613800138000", "a1", "answered", DateTimeOffset.UtcNow, talkSeconds: 42);

        var report = await server.GetJsonAsync($"api/campaigns/{id}/reports/today");

        var today = DateOnly.FromDateTime(DateTimeOffset.UtcNow.ToOffset(Shanghai).DateTime).ToString("yyyy-MM-dd");
        Assert.Equal((today, false, 1L, 42L), (report.GetProperty("day").GetString(), report.GetProperty("closed").GetBoolean(),
            report.GetProperty("totals").GetProperty("dials").GetInt64(), report.GetProperty("totals").GetProperty("talk_seconds").GetInt64()));
        Assert.Equal(today, (await server.GetJsonAsync($"api/campaigns/{id}/reports")).GetProperty("today").GetString());
    }

    [Fact]
    public async Task A_day_in_a_zone_with_daylight_saving_is_its_local_day_of_23_hours()
    {
        var id = (await server.PostJsonAsync("api/campaigns", new { name = "New York", time_zone = "America/New_York" }, HttpStatusCode.Created))
            .GetProperty("id").GetInt64();
        await server.UploadAndImportAsync(id, "phone\n13800138000\n13800138001\n13800138002\n"u8.ToArray(), "ny.csv");
        // 2025-03-09 in New York: clocks jump from 02:00 to 03:00. 23:30 EDT is 03:30Z the next day; 00:30 EDT on the 10th is not in it.
        await Seed.AttemptAsync(server.Db, id, "+8613800138000", "a1", "answered", new DateTimeOffset(2025, 3, 9, 1, 30, 0, TimeSpan.FromHours(-5)), talkSeconds: 10);
        await Seed.AttemptAsync(server.Db, id, "+8613800138001", "a1", "answered", new DateTimeOffset(2025, 3, 9, 23, 30, 0, TimeSpan.FromHours(-4)), talkSeconds: 20);
        await Seed.AttemptAsync(server.Db, id, "+8613800138002", "a1", "answered", new DateTimeOffset(2025, 3, 10, 0, 30, 0, TimeSpan.FromHours(-4)), talkSeconds: 40);

        var report = await server.GetJsonAsync($"api/campaigns/{id}/reports/2025-03-09");

        Assert.Equal(("America/New_York", 2L, 30L), (report.GetProperty("time_zone").GetString(),
            report.GetProperty("totals").GetProperty("dials").GetInt64(), report.GetProperty("totals").GetProperty("talk_seconds").GetInt64()));
        Assert.Equal([1, 23], report.GetProperty("by_hour").EnumerateArray().Where(h => h.GetProperty("dials").GetInt64() > 0).Select(h => h.GetProperty("hour").GetInt32()));
    }

    [Fact]
    public async Task A_bad_day_is_named_and_an_unknown_campaign_is_not_found()
    {
        var id = await server.CreateCampaignAsync("errors");

        var problem = await server.GetJsonAsync($"api/campaigns/{id}/reports/03-03-2025", HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("day", out _));
        await server.GetJsonAsync("api/campaigns/999999/reports/2025-03-03", HttpStatusCode.NotFound);
        await server.GetJsonAsync("api/campaigns/999999/reports", HttpStatusCode.NotFound);
    }
}
