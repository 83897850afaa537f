using System.Net;
using System.Text.Json.Nodes;
using AutoDialer.Testing;
using Microsoft.Extensions.Options;

namespace AutoDialer.AspNetCore.Tests;

/// <summary>The holiday calendars as the API shows and takes them, and a newer file on disk in place of the shipped one.</summary>
[Collection("postgres")]
public sealed class HolidayCalendarApiTests(PostgresFixture postgres)
{
    private static object Schedule(string? calendar, string? makeUp) => new
    {
        time_zone_id = "Asia/Shanghai",
        windows = new[] { new { day = "monday", start = "09:00", end = "18:00" } },
        holiday_calendar = calendar,
        make_up_workday_windows = makeUp,
    };

    [Fact]
    public async Task A_campaign_follows_the_shipped_calendar_and_a_calendar_that_does_not_exist_is_refused_by_its_field()
    {
        await using var server = await ApiServer.StartAsync(postgres);
        var id = await server.CreateCampaignAsync("holidays");

        var saved = await PutAsync(server, id, new { schedule = Schedule("cn", "monday") }, HttpStatusCode.OK);
        var refused = await PutAsync(server, id, new { schedule = Schedule("xx", null) }, HttpStatusCode.BadRequest);
        var makeUpAlone = await PutAsync(server, id, new { schedule = Schedule(null, "monday") }, HttpStatusCode.BadRequest);

        Assert.Equal("cn", saved["settings"]!["schedule"]!["holiday_calendar"]!.GetValue<string>());
        Assert.Equal("monday", saved["settings"]!["schedule"]!["make_up_workday_windows"]!.GetValue<string>());
        Assert.Contains("the calendars are: cn", refused["errors"]!["schedule.holiday_calendar"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.NotNull(makeUpAlone["errors"]!["schedule.make_up_workday_windows"]);
        var calendar = Assert.Single((await server.GetJsonAsync("api/holiday-calendars")).EnumerateArray());
        Assert.Equal(("cn", "2026-12-31"), (calendar.GetProperty("id").GetString(), calendar.GetProperty("covered_until").GetString()));
    }

    [Fact]
    public async Task A_newer_file_on_disk_replaces_the_shipped_calendar_without_a_release()
    {
        using var folder = new TemporaryDirectory("autodialer-holidays-", TemporaryDirectory.Private);
        var path = Path.Combine(folder.Path, "cn.json");
        var file = JsonNode.Parse(await File.ReadAllTextAsync(RepositoryFiles.PathOf("src", "AutoDialer.Core", "Campaigns", "Holidays", "cn.json")))!;
        file["coverage"]!["to"] = "2027-12-31";
        file["pending"] = new JsonArray();
        file["years"]!["2027"] = JsonNode.Parse("""{ "holidays": [ { "name_zh": "元旦", "name_en": "New Year's Day", "from": "2027-01-01", "to": "2027-01-01", "days": 1 } ] }""");
        await File.WriteAllTextAsync(path, file.ToJsonString());

        await using var server = await ApiServer.StartAsync(postgres, new Dictionary<string, string?> { ["AutoDialer:HolidayCalendars:Files:cn"] = path });

        var calendar = Assert.Single((await server.GetJsonAsync("api/holiday-calendars")).EnumerateArray());
        Assert.Equal("2027-12-31", calendar.GetProperty("covered_until").GetString());
        Assert.Contains(calendar.GetProperty("holidays").EnumerateArray(), h => h.GetProperty("from").GetString() == "2027-01-01");
    }

    [Fact]
    public async Task A_file_whose_facts_do_not_hold_stops_the_start_naming_the_setting_and_the_problem()
    {
        using var folder = new TemporaryDirectory("autodialer-holidays-", TemporaryDirectory.Private);
        var path = Path.Combine(folder.Path, "cn.json");
        var file = JsonNode.Parse(await File.ReadAllTextAsync(RepositoryFiles.PathOf("src", "AutoDialer.Core", "Campaigns", "Holidays", "cn.json")))!;
        file["years"]!["2026"]!["make_up_workdays"]![0]!["date"] = "2026-01-05";
        await File.WriteAllTextAsync(path, file.ToJsonString());
        var host = await ApiServer.BuildAsync(postgres, new Dictionary<string, string?> { ["AutoDialer:HolidayCalendars:Files:cn"] = path });

        var e = await Assert.ThrowsAsync<OptionsValidationException>(() => host.App.StartAsync());

        Assert.Contains("AutoDialer:HolidayCalendars:Files:cn", e.Message, StringComparison.Ordinal);
        Assert.Contains("make-up working day 2026-01-05 is a Monday", e.Message, StringComparison.Ordinal);
        await host.App.DisposeAsync();
        host.Data.Dispose();
    }

    private static async Task<JsonNode> PutAsync(ApiServer server, long id, object body, HttpStatusCode expected)
    {
        using var response = await server.Client.PutAsync($"api/campaigns/{id}/settings", ApiServer.Json(body));
        return JsonNode.Parse((await ApiServer.ReadAsync(response, expected)).GetRawText())!;
    }
}
