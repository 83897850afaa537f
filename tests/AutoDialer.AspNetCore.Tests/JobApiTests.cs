using System.Net;
using AutoDialer.Testing;

namespace AutoDialer.AspNetCore.Tests;

[Collection("postgres")]
public sealed class JobApiTests(PostgresFixture postgres) : IAsyncLifetime
{
    private ApiServer server = null!;

    public async Task InitializeAsync() => server = await ApiServer.StartAsync(postgres);
    public async Task DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task The_jobs_view_shows_this_cluster_node_and_a_failed_import_with_its_exception_which_can_be_retried()
    {
        var id = await server.CreateCampaignAsync("jobs");
        var upload = await server.UploadAndImportAsync(id, "name\nWang\n"u8.ToArray(), "no-phone.csv");
        var uploadId = upload.GetProperty("id").GetInt64();

        var jobs = await HistoryHoldsAsync(1);
        var node = Assert.Single(jobs.GetProperty("nodes").EnumerateArray());
        Assert.True(node.GetProperty("is_current_node").GetBoolean());
        Assert.Equal("alive", node.GetProperty("state").GetString());
        var failure = Assert.Single(ImportRuns(jobs));
        Assert.False(failure.GetProperty("succeeded").GetBoolean());
        Assert.Equal($"upload-{uploadId}", failure.GetProperty("trigger_name").GetString());
        Assert.Contains("no phone column", failure.GetProperty("exception").GetString());
        Assert.True(failure.GetProperty("can_retry").GetBoolean());

        // Retry runs the same job with the recorded input (the upload id): it fails again for the same reason, once more.
        await server.PostJsonAsync($"api/jobs/executions/{failure.GetProperty("entry_id").GetString()}/retry", null, HttpStatusCode.Accepted);
        jobs = await HistoryHoldsAsync(2);
        var retried = ImportRuns(jobs)[0];
        Assert.True(retried.GetProperty("manual").GetBoolean());
        Assert.Contains("no phone column", retried.GetProperty("exception").GetString());

        var failedOnly = await server.GetJsonAsync("api/jobs?failed=true");
        Assert.Equal(2, ImportRuns(failedOnly).Count);
    }

    [Fact]
    public async Task Trigger_now_runs_a_stored_job_and_unknown_jobs_and_executions_are_not_found()
    {
        await server.PostJsonAsync("api/jobs/autodialer/no-such-job/trigger", null, HttpStatusCode.NotFound);
        await server.PostJsonAsync("api/jobs/executions/no-such-entry/retry", null, HttpStatusCode.NotFound);
        await server.GetJsonAsync("api/jobs?limit=0", HttpStatusCode.BadRequest);
        await server.GetJsonAsync("api/jobs?failed=maybe", HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_succeeded_execution_is_not_retried()
    {
        var id = await server.CreateCampaignAsync("fine");
        await server.UploadAndImportAsync(id, "phone\n13800138000\n"u8.ToArray(), "ok.csv");
        var entry = (await HistoryHoldsAsync(1)).GetProperty("history")[0];
        Assert.True(entry.GetProperty("succeeded").GetBoolean());
        await server.PostJsonAsync($"api/jobs/executions/{entry.GetProperty("entry_id").GetString()}/retry", null, HttpStatusCode.Conflict);
    }

    /// <summary>
    /// The history plugin writes its row as an execution completes, beside (not before) the job listener the upload
    /// helper awaits; there is no signal for the row itself, hence this bounded re-read.
    /// </summary>
    // The dialing engine's sweeps run beside the import and have their own history rows: these tests look at the import's.
    private static List<System.Text.Json.JsonElement> ImportRuns(System.Text.Json.JsonElement jobs) =>
        jobs.GetProperty("history").EnumerateArray().Where(h => h.GetProperty("job_name").GetString() == "import-contact-list").ToList();

    private async Task<System.Text.Json.JsonElement> HistoryHoldsAsync(int count)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (true)
        {
            var jobs = await server.GetJsonAsync("api/jobs");
            if (ImportRuns(jobs).Count >= count || DateTime.UtcNow > deadline) return jobs;
            await Task.Delay(100);
        }
    }
}
