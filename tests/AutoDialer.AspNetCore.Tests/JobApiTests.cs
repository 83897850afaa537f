using System.Net;
using System.Text.Json;
using AutoDialer.AspNetCore.Access;
using AutoDialer.AspNetCore.Jobs;
using AutoDialer.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AutoDialer.AspNetCore.Tests;

/// <summary><c>/api/jobs</c>, the small facade over Hangfire, and the Hangfire Dashboard at <c>/hangfire</c>.</summary>
[Collection("postgres")]
public sealed class JobApiTests(PostgresFixture postgres) : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private ApiServer server = null!;

    public async Task InitializeAsync() => server = await ApiServer.StartAsync(postgres);
    public async Task DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task The_jobs_facade_lists_this_node_s_server_and_a_failed_import_with_its_exception_which_can_be_requeued()
    {
        var id = await server.CreateCampaignAsync("jobs");
        var upload = await server.UploadAndImportAsync(id, "name\nWang\n"u8.ToArray(), "no-phone.csv");
        var key = $"upload-{upload.GetProperty("id").GetInt64()}";

        var jobs = await server.GetJsonAsync("api/jobs");
        Assert.Equal("/hangfire", jobs.GetProperty("dashboard").GetString());
        var node = Assert.Single(jobs.GetProperty("servers").EnumerateArray());
        Assert.Contains("default", node.GetProperty("queues").EnumerateArray().Select(q => q.GetString()));
        var failure = Assert.Single(jobs.GetProperty("failures").EnumerateArray());
        Assert.Equal("ImportContactListJob.RunAsync", failure.GetProperty("job").GetString());
        Assert.Contains("ContactListFormatException", failure.GetProperty("exception").GetString());
        Assert.Contains("no phone column", failure.GetProperty("exception").GetString());

        // Requeue runs the same job with its arguments (the upload id): it fails again for the same reason, once more.
        var jobId = failure.GetProperty("job_id").GetString();
        await server.PostJsonAsync($"api/jobs/{jobId}/requeue", null, HttpStatusCode.Accepted);
        var again = await server.Jobs.UntilFinishedAsync(key, Patience);
        Assert.Contains("no phone column", Assert.Single(again).Error);
        Assert.Equal(jobId, again[0].JobId);
    }

    [Fact]
    public async Task A_running_campaign_has_its_nightly_recurring_job_in_its_time_zone_which_trigger_runs_now()
    {
        var id = await server.CreateCampaignAsync("nightly", new
        {
            schedule = new { time_zone_id = "Asia/Shanghai", windows = new[] { new { day = "monday", start = "09:00:00", end = "18:00:00" } } },
            nightly_batch_cron = "0 30 1 ? * 2-6",
        });
        await server.PostJsonAsync($"api/campaigns/{id}/start", null, HttpStatusCode.OK);
        // The schedules are re-read every minute; a test asks for the re-read instead of waiting for it.
        await server.Services.GetServices<IHostedService>().OfType<RecurringJobSchedules>().Single().SyncAsync(CancellationToken.None);

        var recurring = (await server.GetJsonAsync("api/jobs")).GetProperty("recurring").EnumerateArray().ToList();
        var nightly = Assert.Single(recurring, r => r.GetProperty("id").GetString() == $"nightly-{id}");
        Assert.Equal(("Asia/Shanghai", "0 30 1 ? * 1-5", "NightlyRetryBatchJob.RunAsync"),
            (nightly.GetProperty("time_zone").GetString(), nightly.GetProperty("cron").GetString(), nightly.GetProperty("job").GetString()));
        var next = TimeZoneInfo.ConvertTime(nightly.GetProperty("next_run").GetDateTimeOffset(), TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"));
        Assert.Equal((1, 30), (next.Hour, next.Minute));
        Assert.InRange(next.DayOfWeek, DayOfWeek.Monday, DayOfWeek.Friday);
        // The stale sweep runs in each node, not as a recurring job (see SchedulingLockTests).
        Assert.DoesNotContain(recurring, r => r.GetProperty("id").GetString()!.StartsWith(JobPlan.StalePrefix, StringComparison.Ordinal));

        await server.PostJsonAsync($"api/jobs/recurring/nightly-{id}/trigger", null, HttpStatusCode.Accepted);
        var runs = await server.Jobs.UntilFinishedAsync($"nightly-{id}", Patience);
        Assert.True(Assert.Single(runs).Succeeded, runs[0].Error);
    }

    [Fact]
    public async Task Unknown_jobs_are_not_found_and_bad_queries_are_refused()
    {
        await server.PostJsonAsync("api/jobs/recurring/no-such-job/trigger", null, HttpStatusCode.NotFound);
        await server.PostJsonAsync("api/jobs/424242/requeue", null, HttpStatusCode.NotFound);
        await server.GetJsonAsync("api/jobs?limit=0", HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task The_Hangfire_dashboard_is_served_to_this_machine_in_the_dashboard_s_language_and_shows_a_failed_import()
    {
        var id = await server.CreateCampaignAsync("dashboard");
        await server.UploadAndImportAsync(id, "name\nWang\n"u8.ToArray(), "no-phone.csv");
        var failed = (await server.GetJsonAsync("api/jobs")).GetProperty("failures")[0].GetProperty("job_id").GetString();

        using var home = await server.Client.GetAsync("hangfire");
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        Assert.Contains("Overview", await home.Content.ReadAsStringAsync());
        using var details = await server.Client.GetAsync($"hangfire/jobs/details/{failed}");
        var page = await details.Content.ReadAsStringAsync();
        Assert.Contains("ContactListFormatException", page);
        Assert.Contains("no phone column", page);

        using var chinese = new HttpRequestMessage(HttpMethod.Get, "hangfire") { Headers = { { "Cookie", "autodialer.lang=zh" } } };
        using var inChinese = await server.Client.SendAsync(chinese);
        Assert.Contains("仪表盘", await inChinese.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_Hangfire_dashboard_refuses_another_address_without_credentials()
    {
        await using var remote = await ApiServer.StartAsync(postgres, services: s => s.AddSingleton<IRequestLocality>(new FixedLocality(local: false)));
        foreach (var path in new[] { "hangfire", "hangfire/jobs/failed", "hangfire/stats" })
        {
            using var response = await remote.Client.GetAsync(path);
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        }
    }
}
