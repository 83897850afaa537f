using System.Net;
using System.Text.Json;
using AutoDialer.Testing;

namespace AutoDialer.AspNetCore.Tests;

[Collection("postgres")]
public sealed class CampaignApiTests(PostgresFixture postgres) : IAsyncLifetime
{
    private ApiServer server = null!;

    public async Task InitializeAsync() => server = await ApiServer.StartAsync(postgres);
    public async Task DisposeAsync() => await server.DisposeAsync();

    private static object Settings(int maxAttempts = 3, string zone = "Asia/Shanghai") => new
    {
        schedule = new { time_zone_id = zone, windows = new[] { new { day = "monday", start = "09:00:00", end = "18:00:00" } } },
        retry = new { max_attempts = maxAttempts, max_attempts_per_day = 1, delays = new Dictionary<string, string>
        {
            ["busy"] = "00:30:00", ["no_answer"] = "02:00:00", ["rejected"] = "02:00:00", ["failed"] = "00:10:00", ["unknown"] = "00:30:00",
        } },
        caller_numbers = new[] { new { id = "n1", number = "+861062345678", area_code = "010", daily_cap = 100 } },
        agent_ids = new[] { "agent-1" },
    };

    [Fact]
    public async Task A_campaign_is_created_read_listed_and_its_settings_updated()
    {
        var created = await server.PostJsonAsync("api/campaigns", new { name = "spring", settings = Settings() }, HttpStatusCode.Created);
        var id = created.GetProperty("id").GetInt64();
        Assert.Equal("draft", created.GetProperty("state").GetString());
        Assert.Equal(3, created.GetProperty("settings").GetProperty("retry").GetProperty("max_attempts").GetInt32());

        var read = await server.GetJsonAsync($"api/campaigns/{id}");
        Assert.Equal("spring", read.GetProperty("name").GetString());
        Assert.Equal(0, read.GetProperty("progress").GetProperty("contacts").GetInt64());

        var list = await server.GetJsonAsync("api/campaigns");
        Assert.Equal(["spring"], list.EnumerateArray().Select(c => c.GetProperty("name").GetString()));

        using var put = await server.Client.PutAsync($"api/campaigns/{id}/settings", ApiServer.Json(Settings(maxAttempts: 5, zone: "Europe/Berlin")));
        var updated = await ApiServer.ReadAsync(put, HttpStatusCode.OK);
        Assert.Equal(5, updated.GetProperty("settings").GetProperty("retry").GetProperty("max_attempts").GetInt32());
        Assert.Equal("Europe/Berlin", updated.GetProperty("time_zone").GetString());
        var numbers = await server.GetJsonAsync($"api/campaigns/{id}/caller-numbers");
        Assert.Equal("+861062345678", Assert.Single(numbers.EnumerateArray()).GetProperty("number").GetString());
    }

    /// <summary>The names docs/campaign-settings.md gives are the API's: the caps a manager sends are the caps the dialer uses.</summary>
    [Fact]
    public async Task Frequency_caps_sent_under_their_documented_names_are_the_caps_the_dialer_reads()
    {
        var id = await server.CreateCampaignAsync("capped");
        using var put = await server.Client.PutAsync($"api/campaigns/{id}/settings", ApiServer.RawJson("""
            {"schedule":{"time_zone_id":"Asia/Shanghai","windows":[{"day":"monday","start":"09:00:00","end":"18:00:00"}]},
             "frequency_caps":{"per_24_hours":1,"per_7_days":3,"per_caller_number_per_24_hours":1}}
            """));

        var caps = (await ApiServer.ReadAsync(put, HttpStatusCode.OK)).GetProperty("settings").GetProperty("frequency_caps");
        Assert.Equal("""{"per_24_hours":1,"per_7_days":3,"per_caller_number_per_24_hours":1}""", caps.GetRawText());
        var stored = await new AutoDialer.PostgreSql.Campaigns.CampaignStore(server.Db).FindAsync(id);
        Assert.Equal(new AutoDialer.Core.Dispatch.FrequencyCaps { Per24Hours = 1, Per7Days = 3, PerCallerNumberPer24Hours = 1 }, stored!.Settings.FrequencyCaps);
    }

    [Fact]
    public async Task A_campaign_with_only_a_name_gets_default_settings_in_the_given_time_zone()
    {
        var created = await server.PostJsonAsync("api/campaigns", new { name = "autumn", time_zone = "Asia/Tokyo" }, HttpStatusCode.Created);
        Assert.Equal("Asia/Tokyo", created.GetProperty("time_zone").GetString());
        Assert.Equal(7, created.GetProperty("settings").GetProperty("schedule").GetProperty("windows").GetArrayLength());
    }

    [Theory]
    [InlineData("""{"time_zone":"Asia/Shanghai"}""", "name")]
    [InlineData("""{"name":"x","settings":{}}""", "settings.schedule")]
    [InlineData("""{"name":""}""", "name")]
    [InlineData("""{"name":42}""", "name")]
    [InlineData("""{"name":"x","settings":{"schedule":{"time_zone_id":"Asia/Shanghai","windows":[{"day":"monday","start":"09:00:00","end":"18:00:00"}]},"retry":{"max_attempts":"three"}}}""", "settings.retry.max_attempts")]
    [InlineData("""{"name":"x","settings":{"schedule":{"time_zone_id":"Mars/Olympus","windows":[{"day":"monday","start":"09:00:00","end":"18:00:00"}]}}}""", "settings.schedule.time_zone_id")]
    [InlineData("""{"name":"x","settings":{"schedule":{"time_zone_id":"Asia/Shanghai","windows":[]}}}""", "settings.schedule.windows")]
    [InlineData("""{"name":"x","settings":{"schedule":{"time_zone_id":"Asia/Shanghai","windows":[{"day":"funday","start":"09:00:00","end":"18:00:00"}]}}}""", "settings.schedule.windows[0].day")]
    [InlineData("""{"name":"x","time_zone":"Nowhere/Else"}""", "schedule.time_zone_id")]
    [InlineData("""{"name":"x","settings":{"schedule":{"time_zone_id":"Asia/Shanghai","windows":[{"day":"monday","start":"09:00:00","end":"18:00:00"}]},"nightly_batch_cron":"0 0 25 * * ?"}}""", "settings.nightly_batch_cron")]
    [InlineData("""{"name":"x","time_zone":"Asia/Tokyo","settings":{"schedule":{"time_zone_id":"Asia/Shanghai","windows":[{"day":"monday","start":"09:00:00","end":"18:00:00"}]}}}""", "time_zone")]
    [InlineData("""{"name":"x","settings":{"schedule":{"time_zone_id":"Asia/Shanghai","windows":[{"day":"monday","start":"09:00:00","end":"18:00:00"}]},"frequency_caps":{"per_24_hours":1}}}""", "settings.frequency_caps.per_7_days")]
    [InlineData("""not json""", "")]
    public async Task An_invalid_create_request_is_a_validation_problem_naming_the_field_and_creates_nothing(string body, string field)
    {
        using var response = await server.Client.PostAsync("api/campaigns", ApiServer.RawJson(body));
        var problem = await ApiServer.ReadAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out var messages), problem.ToString());
        Assert.NotEqual(0, messages.GetArrayLength());
        Assert.Equal(0, (await server.GetJsonAsync("api/campaigns")).GetArrayLength());
    }

    [Fact]
    public async Task A_create_request_that_is_not_json_is_refused_as_unsupported()
    {
        using var response = await server.Client.PostAsync("api/campaigns", new StringContent("name=x", System.Text.Encoding.UTF8, "application/x-www-form-urlencoded"));
        await ApiServer.ReadAsync(response, HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task A_second_campaign_with_the_same_name_is_a_conflict()
    {
        await server.CreateCampaignAsync("twin");
        var problem = await server.PostJsonAsync("api/campaigns", new { name = "twin" }, HttpStatusCode.Conflict);
        Assert.Contains("twin", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Invalid_settings_are_refused_with_every_field_and_leave_the_stored_settings_unchanged()
    {
        var id = await server.CreateCampaignAsync("steady", Settings(maxAttempts: 3));
        using var put = await server.Client.PutAsync($"api/campaigns/{id}/settings", ApiServer.RawJson("""
            {"schedule":{"time_zone_id":"Asia/Shanghai","windows":[{"day":"monday","start":"09:00:00","end":"09:00:00"}]},
             "retry":{"max_attempts":0,"max_attempts_per_day":0},
             "caller_numbers":[{"id":"a","number":"12345"}]}
            """));
        var problem = await ApiServer.ReadAsync(put, HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors");
        foreach (var field in new[] { "schedule.windows[0]", "retry.max_attempts", "retry.max_attempts_per_day", "caller_numbers[0].number" })
            Assert.True(errors.TryGetProperty(field, out _), $"{field} missing in {errors}");
        var stored = await server.GetJsonAsync($"api/campaigns/{id}");
        Assert.Equal(3, stored.GetProperty("settings").GetProperty("retry").GetProperty("max_attempts").GetInt32());
    }

    [Fact]
    public async Task Unknown_campaigns_are_not_found_and_ids_that_are_not_numbers_match_no_route()
    {
        await server.GetJsonAsync("api/campaigns/999", HttpStatusCode.NotFound);
        await server.GetJsonAsync("api/campaigns/999/progress", HttpStatusCode.NotFound);
        await server.GetJsonAsync("api/campaigns/999/outcomes", HttpStatusCode.NotFound);
        await server.GetJsonAsync("api/campaigns/999/calls-per-hour", HttpStatusCode.NotFound);
        await server.GetJsonAsync("api/campaigns/999/attempts", HttpStatusCode.NotFound);
        await server.GetJsonAsync("api/campaigns/999/caller-numbers", HttpStatusCode.NotFound);
        await server.PostJsonAsync("api/campaigns/999/start", null, HttpStatusCode.NotFound);
        using (var put = await server.Client.PutAsync("api/campaigns/999/settings", ApiServer.Json(Settings())))
            await ApiServer.ReadAsync(put, HttpStatusCode.NotFound);
        using (var delete = await server.Client.DeleteAsync("api/campaigns/999"))
            await ApiServer.ReadAsync(delete, HttpStatusCode.NotFound);
        using var export = await server.Client.GetAsync("api/campaigns/999/export.csv");
        Assert.Equal(HttpStatusCode.NotFound, export.StatusCode);
        using var wrongType = await server.Client.GetAsync("api/campaigns/abc");
        Assert.Equal(HttpStatusCode.NotFound, wrongType.StatusCode);
    }

    [Fact]
    public async Task The_lifecycle_commands_move_a_campaign_and_illegal_ones_are_conflicts_that_change_nothing()
    {
        var id = await server.CreateCampaignAsync("life");
        Assert.Equal("running", (await server.PostJsonAsync($"api/campaigns/{id}/start", null, HttpStatusCode.OK)).GetProperty("state").GetString());
        Assert.Equal("paused", (await server.PostJsonAsync($"api/campaigns/{id}/pause", null, HttpStatusCode.OK)).GetProperty("state").GetString());
        Assert.Equal("running", (await server.PostJsonAsync($"api/campaigns/{id}/resume", null, HttpStatusCode.OK)).GetProperty("state").GetString());
        var illegalStart = await server.PostJsonAsync($"api/campaigns/{id}/start", null, HttpStatusCode.Conflict);
        Assert.Equal("running", illegalStart.GetProperty("state").GetString());
        Assert.Equal("cancelled", (await server.PostJsonAsync($"api/campaigns/{id}/cancel", null, HttpStatusCode.OK)).GetProperty("state").GetString());

        var problem = await server.PostJsonAsync($"api/campaigns/{id}/resume", null, HttpStatusCode.Conflict);
        Assert.Equal("cancelled", problem.GetProperty("state").GetString());
        Assert.Equal("resume", problem.GetProperty("command").GetString());
        await server.PostJsonAsync($"api/campaigns/{id}/pause", null, HttpStatusCode.Conflict);
        await server.PostJsonAsync($"api/campaigns/{id}/cancel", null, HttpStatusCode.Conflict);
        Assert.Equal("cancelled", (await server.GetJsonAsync($"api/campaigns/{id}")).GetProperty("state").GetString());
    }

    [Fact]
    public async Task Only_a_draft_without_lists_can_be_deleted()
    {
        var draft = await server.CreateCampaignAsync("scratch");
        using (var deleted = await server.Client.DeleteAsync($"api/campaigns/{draft}"))
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        await server.GetJsonAsync($"api/campaigns/{draft}", HttpStatusCode.NotFound);

        var running = await server.CreateCampaignAsync("busy");
        await server.PostJsonAsync($"api/campaigns/{running}/start", null, HttpStatusCode.OK);
        using var refused = await server.Client.DeleteAsync($"api/campaigns/{running}");
        await ApiServer.ReadAsync(refused, HttpStatusCode.Conflict);

        var withList = await server.CreateCampaignAsync("listed");
        await server.UploadAndImportAsync(withList, "phone\n13800138000\n"u8.ToArray(), "l.csv");
        using var refusedList = await server.Client.DeleteAsync($"api/campaigns/{withList}");
        await ApiServer.ReadAsync(refusedList, HttpStatusCode.Conflict);
    }
}
