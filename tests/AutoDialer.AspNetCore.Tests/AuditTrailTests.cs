using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using AutoDialer.AspNetCore.Jobs;
using AutoDialer.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AutoDialer.AspNetCore.Tests;

/// <summary>
/// The audit trail through the API: each kind of action is recorded with who (the user's or key's name), from where (the
/// client's address after forwarded-headers processing), what (action, target, details); a change that is refused or
/// fails leaves no entry; refused sign-ins are recorded; <c>GET /api/audit</c> filters and pages newest first.
/// </summary>
[Collection("postgres")]
public sealed class AuditTrailTests(PostgresFixture postgres)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    /// <summary>A client that a reverse proxy on this machine (a trusted one: AutoDialer:ForwardedHeaders) says is 203.0.113.7.</summary>
    private const string ProxiedClient = "203.0.113.7";

    [Fact]
    public async Task Every_kind_of_action_is_recorded_with_its_actor_address_target_and_details()
    {
        await using var server = await ApiServer.StartAsync(postgres, RoleAccessTests.Roles());
        using var admin = KeyClient(server, EveryEndpointAccessTests.Key);
        admin.DefaultRequestHeaders.Add("X-Forwarded-For", ProxiedClient);
        using var operatorKey = KeyClient(server, RoleAccessTests.OperatorKey);
        using var refused = await SignInRefusedAsync(server, "operator", "not the password");
        using var unknown = await SignInRefusedAsync(server, "<img src=x>", "guess");
        using var operatorUser = await SignedInBrowser.SignInAsync(server.Address, "operator", RoleAccessTests.Password);
        using var adminUser = await SignedInBrowser.SignInAsync(server.Address, "ops", "walk password");

        var id = (await ReadAsync(await admin.PostAsync("api/campaigns", ApiServer.Json(new { name = "audited", time_zone = "Asia/Shanghai" })), HttpStatusCode.Created))
            .GetProperty("id").GetInt64();
        var settings = JsonNode.Parse((await GetAsync(admin, $"api/campaigns/{id}")).GetProperty("settings").GetRawText())!.AsObject();
        settings["agent_ids"] = new JsonArray("1001", "1002");
        settings["retry"]!["max_attempts"] = settings["retry"]!["max_attempts"]!.GetValue<int>() + 1;
        await ReadAsync(await adminUser.SendAsync(new HttpRequestMessage(HttpMethod.Put, $"api/campaigns/{id}/settings")
            { Content = ApiServer.RawJson(settings.ToJsonString()) }), HttpStatusCode.OK);
        foreach (var command in new[] { "start", "pause", "resume" })
            await ReadAsync(await operatorUser.SendAsync(new HttpRequestMessage(HttpMethod.Post, $"api/campaigns/{id}/{command}")), HttpStatusCode.OK);
        var upload = await ReadAsync(await operatorKey.PostAsync($"api/campaigns/{id}/uploads",
            ApiServer.FileForm("phone\n13800138000\n"u8.ToArray(), "list.csv")), HttpStatusCode.Accepted);
        await ReadAsync(await operatorUser.SendAsync(new HttpRequestMessage(HttpMethod.Post, "api/dnc")
            { Content = ApiServer.Json(new { numbers = new[] { "13800138000", "13900139000", "x" } }) }), HttpStatusCode.OK);
        await ReadAsync(await admin.PostAsync("api/dnc/remove", ApiServer.Json(new { numbers = new[] { "13900139000" } })), HttpStatusCode.OK);
        await ReadAsync(await admin.PostAsync($"api/campaigns/{id}/cancel", null), HttpStatusCode.OK);
        var draft = (await ReadAsync(await admin.PostAsync("api/campaigns", ApiServer.Json(new { name = "short-lived" })), HttpStatusCode.Created))
            .GetProperty("id").GetInt64();
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"api/campaigns/{draft}")).StatusCode);
        await server.Services.GetServices<IHostedService>().OfType<RecurringJobSchedules>().Single().SyncAsync(CancellationToken.None);
        var triggered = (await ReadAsync(await admin.PostAsync($"api/jobs/recurring/{JobPlan.OrphanedUploadsId}/trigger", null), HttpStatusCode.Accepted))
            .GetProperty("job_id").GetString();
        // The run this trigger made, not another of the same recurring job (the scheduler may start one after the sync).
        JobOutcome finished;
        do finished = (await server.Jobs.UntilFinishedAsync(JobPlan.OrphanedUploadsId, Patience))[^1];
        while (finished.JobId != triggered);
        Assert.True(finished.Succeeded);
        await ReadAsync(await admin.PostAsync($"api/jobs/{triggered}/requeue", null), HttpStatusCode.Accepted);

        var trail = await EntriesAsync(server, "limit=500");
        var idText = id.ToString(System.Globalization.CultureInfo.InvariantCulture);

        var created = Single(trail, "campaign_create", idText);
        Assert.Equal(("api_key", "api-key-1", ProxiedClient, "campaign", (long?)id), Who(created));
        Assert.Equal("audited", created.GetProperty("details").GetProperty("name").GetString());

        var changed = Single(trail, "campaign_settings_change", idText);
        Assert.Equal(("user", "ops", "127.0.0.1", "campaign", (long?)id), Who(changed));
        var changes = changed.GetProperty("details").GetProperty("changes").EnumerateArray().ToDictionary(c => c.GetProperty("path").GetString()!);
        Assert.Equal(["agent_ids[0]", "agent_ids[1]", "retry.max_attempts"], changes.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(("null", "\"1001\""), (changes["agent_ids[0]"].GetProperty("old").GetRawText(), changes["agent_ids[0]"].GetProperty("new").GetRawText()));
        Assert.Equal(changes["retry.max_attempts"].GetProperty("old").GetInt32() + 1, changes["retry.max_attempts"].GetProperty("new").GetInt32());

        foreach (var (action, from, to) in new[] { ("campaign_start", "draft", "running"), ("campaign_pause", "running", "paused"), ("campaign_resume", "paused", "running") })
        {
            var entry = Single(trail, action, idText);
            Assert.Equal(("user", "operator", "127.0.0.1", "campaign", (long?)id), Who(entry));
            Assert.Equal((from, to), (entry.GetProperty("details").GetProperty("from").GetString(), entry.GetProperty("details").GetProperty("to").GetString()));
        }
        Assert.Equal(("api_key", "api-key-1", ProxiedClient, "campaign", (long?)id), Who(Single(trail, "campaign_cancel", idText)));

        var uploaded = Single(trail, "list_upload", upload.GetProperty("id").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(("api_key", "operator-key", "127.0.0.1", "upload", (long?)id), Who(uploaded));
        Assert.Equal(("list.csv", "audited"), (uploaded.GetProperty("details").GetProperty("file_name").GetString(), uploaded.GetProperty("details").GetProperty("campaign").GetString()));

        var added = Single(trail, "do_not_call_add", null);
        Assert.Equal(("user", "operator", "127.0.0.1", "do_not_call", (long?)null), Who(added));
        Assert.Equal((2, 1), (added.GetProperty("details").GetProperty("added").GetInt32(), added.GetProperty("details").GetProperty("invalid").GetInt32()));
        // Numbers as logs show them: masked.
        Assert.Equal(["+86138****8000", "+86139****9000"], added.GetProperty("details").GetProperty("numbers").EnumerateArray().Select(n => n.GetString()));
        var removed = Single(trail, "do_not_call_remove", null);
        Assert.Equal(("api_key", "api-key-1", ProxiedClient, "do_not_call", (long?)null), Who(removed));
        Assert.Equal(1, removed.GetProperty("details").GetProperty("removed").GetInt32());

        var deleted = Single(trail, "campaign_delete", draft.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("short-lived", deleted.GetProperty("details").GetProperty("name").GetString());

        var trigger = Single(trail, "job_trigger", JobPlan.OrphanedUploadsId);
        Assert.Equal(("api_key", "api-key-1", ProxiedClient, "recurring_job", (long?)null), Who(trigger));
        Assert.Equal(triggered, trigger.GetProperty("details").GetProperty("job_id").GetString());
        Assert.Equal(("api_key", "api-key-1", ProxiedClient, "job", (long?)null), Who(Single(trail, "job_requeue", triggered)));

        Assert.Equal(("user", "operator", "127.0.0.1", "user", (long?)null), Who(Single(trail, "sign_in", "operator")));
        Assert.Equal(("user", "ops", "127.0.0.1", "user", (long?)null), Who(Single(trail, "sign_in", "ops")));
        var wrongPassword = Single(trail, "sign_in_failure", "operator");
        Assert.Equal(("user", "operator", "127.0.0.1", "user", (long?)null), Who(wrongPassword));
        Assert.True(wrongPassword.GetProperty("details").GetProperty("known_user").GetBoolean());
        var noSuchUser = Single(trail, "sign_in_failure", "<img src=x>");
        Assert.False(noSuchUser.GetProperty("details").GetProperty("known_user").GetBoolean());
        Assert.DoesNotContain("not the password", JsonSerializer.Serialize(trail));

        // Newest first, and the times are the database's, in order with the ids.
        var times = trail.Select(e => e.GetProperty("at").GetDateTime()).ToList();
        Assert.Equal(times.OrderDescending(), times);
    }

    [Fact]
    public async Task A_change_that_is_refused_or_fails_leaves_no_entry()
    {
        await using var server = await ApiServer.StartAsync(postgres, RoleAccessTests.Roles());
        using var admin = KeyClient(server, EveryEndpointAccessTests.Key);
        using var viewer = KeyClient(server, RoleAccessTests.ViewerKey);
        var id = (await ReadAsync(await admin.PostAsync("api/campaigns", ApiServer.Json(new { name = "refusals" })), HttpStatusCode.Created)).GetProperty("id").GetInt64();
        await ReadAsync(await admin.PostAsync($"api/campaigns/{id}/cancel", null), HttpStatusCode.OK);
        var before = await EntriesAsync(server, "limit=500");

        // An invalid transition (409), a name taken (409), invalid settings (400), a job that does not exist (404),
        // a role that may not (403), a draft-only delete of a cancelled campaign (409).
        await ReadAsync(await admin.PostAsync($"api/campaigns/{id}/start", null), HttpStatusCode.Conflict);
        await ReadAsync(await admin.PostAsync("api/campaigns", ApiServer.Json(new { name = "refusals" })), HttpStatusCode.Conflict);
        await ReadAsync(await admin.PutAsync($"api/campaigns/{id}/settings", ApiServer.RawJson("""{"retry":{"max_attempts":-1}}""")), HttpStatusCode.BadRequest);
        await ReadAsync(await admin.PostAsync("api/jobs/recurring/no-such-job/trigger", null), HttpStatusCode.NotFound);
        await ReadAsync(await admin.PostAsync("api/jobs/424242/requeue", null), HttpStatusCode.NotFound);
        await ReadAsync(await viewer.PostAsync("api/dnc", ApiServer.Json(new { numbers = new[] { "13800138000" } })), HttpStatusCode.Forbidden);
        await ReadAsync(await admin.DeleteAsync($"api/campaigns/{id}"), HttpStatusCode.Conflict);

        var after = await EntriesAsync(server, "limit=500");
        Assert.Equal(before.Select(e => e.GetProperty("id").GetInt64()), after.Select(e => e.GetProperty("id").GetInt64()));
    }

    [Fact]
    public async Task The_trail_is_filtered_by_actor_action_campaign_and_time_and_paged_newest_first_without_repeats()
    {
        await using var server = await ApiServer.StartAsync(postgres, RoleAccessTests.Roles());
        using var admin = KeyClient(server, EveryEndpointAccessTests.Key);
        using var operatorKey = KeyClient(server, RoleAccessTests.OperatorKey);
        var first = (await ReadAsync(await admin.PostAsync("api/campaigns", ApiServer.Json(new { name = "one" })), HttpStatusCode.Created)).GetProperty("id").GetInt64();
        var second = (await ReadAsync(await admin.PostAsync("api/campaigns", ApiServer.Json(new { name = "two" })), HttpStatusCode.Created)).GetProperty("id").GetInt64();
        var between = (await GetAsync(admin, "api/audit?limit=1")).GetProperty("entries")[0].GetProperty("at").GetDateTimeOffset();
        foreach (var campaign in new[] { first, second })
        {
            await ReadAsync(await operatorKey.PostAsync($"api/campaigns/{campaign}/start", null), HttpStatusCode.OK);
            await ReadAsync(await operatorKey.PostAsync($"api/campaigns/{campaign}/pause", null), HttpStatusCode.OK);
        }

        var all = await EntriesAsync(server, "limit=500");
        Assert.Equal(6, all.Count);
        Assert.Equal(["operator-key"], (await EntriesAsync(server, "actor=operator-key")).Select(e => e.GetProperty("actor").GetString()).Distinct());
        Assert.Equal(2, (await EntriesAsync(server, "action=campaign_pause")).Count);
        Assert.Equal(["campaign_pause", "campaign_start", "campaign_create"],
            (await EntriesAsync(server, $"campaign_id={first}")).Select(e => e.GetProperty("action").GetString()));
        var since = Uri.EscapeDataString(between.AddTicks(10).ToString("O"));
        Assert.Equal(4, (await EntriesAsync(server, $"from={since}")).Count);
        Assert.Equal(2, (await EntriesAsync(server, $"until={since}")).Count);

        // Pages of two, each continuing after the last: every entry once, in the same order as one page of all.
        var paged = new List<long>();
        string? cursor = null;
        do
        {
            var page = await GetAsync(admin, "api/audit?limit=2" + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor)));
            paged.AddRange(page.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("id").GetInt64()));
            cursor = page.GetProperty("next_cursor").GetString();
        } while (cursor is not null);
        Assert.Equal(all.Select(e => e.GetProperty("id").GetInt64()), paged);

        await GetAsync(admin, "api/audit?action=launch", HttpStatusCode.BadRequest);
        await GetAsync(admin, "api/audit?cursor=yesterday", HttpStatusCode.BadRequest);
    }

    private static HttpClient KeyClient(ApiServer server, string key)
    {
        var client = new HttpClient { BaseAddress = server.Address };
        client.DefaultRequestHeaders.Add("X-Api-Key", key);
        return client;
    }

    private static async Task<HttpClient> SignInRefusedAsync(ApiServer server, string user, string password)
    {
        var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = server.Address };
        var form = await client.GetStringAsync("login");
        var token = System.Text.RegularExpressions.Regex.Match(form, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        using var response = await client.PostAsync("login", new FormUrlEncodedContent(new Dictionary<string, string>
            { ["__RequestVerificationToken"] = token, ["user"] = user, ["password"] = password }));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        return client;
    }

    private static async Task<List<JsonElement>> EntriesAsync(ApiServer server, string query)
    {
        using var admin = KeyClient(server, EveryEndpointAccessTests.Key);
        return (await GetAsync(admin, "api/audit?" + query)).GetProperty("entries").EnumerateArray().ToList();
    }

    private static JsonElement Single(List<JsonElement> trail, string action, string? targetId) =>
        Assert.Single(trail, e => e.GetProperty("action").GetString() == action
                                  && (targetId is null || e.GetProperty("target_id").GetString() == targetId));

    private static (string?, string?, string?, string?, long?) Who(JsonElement entry) => (
        entry.GetProperty("actor_kind").GetString(),
        entry.GetProperty("actor").GetString(),
        entry.GetProperty("address").GetString(),
        entry.GetProperty("target_type").GetString(),
        entry.GetProperty("campaign_id").ValueKind == JsonValueKind.Null ? null : entry.GetProperty("campaign_id").GetInt64());

    private static async Task<JsonElement> GetAsync(HttpClient client, string path, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var response = await client.GetAsync(path);
        return await ApiServer.ReadAsync(response, expected);
    }

    private static Task<JsonElement> ReadAsync(HttpResponseMessage response, HttpStatusCode expected) => ApiServer.ReadAsync(response, expected);
}
