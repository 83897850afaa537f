using AutoDialer.AspNetCore.Jobs;
using AutoDialer.Core.StoredWords;
using AutoDialer.PostgreSql.Import;
using AutoDialer.Testing;
using Dapper;
using Hangfire;
using Hangfire.Common;
using Hangfire.States;
using Hangfire.Storage.Monitoring;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace AutoDialer.AspNetCore.Tests;

[Collection("postgres")]
public sealed class ImportContactListJobTests(PostgresFixture postgres) : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private readonly ListFiles files = new();
    private JobOutcomes outcomes = null!;
    private NpgsqlDataSource db = null!;
    private IHost host = null!;

    public async Task InitializeAsync()
    {
        db = await postgres.CreateDatabaseAsync("jobs");
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration["AutoDialer:ConnectionString"] = postgres.ConnectionStringOf(db);
        builder.Services.AddAutoDialer(builder.Configuration, o =>
        {
            // Hangfire counts waits in whole seconds: 1 s, then 4 s.
            o.ImportRetries = 2;
            o.ImportRetryDelay = TimeSpan.FromSeconds(1);
        }).AddAutoDialerServer();
        outcomes = JobOutcomes.AddTo(builder.Services);
        host = builder.Build();
        await host.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await host.StopAsync();
        host.Dispose();
        files.Dispose();
    }

    [Fact]
    public async Task An_uploaded_list_is_imported_by_a_fire_and_forget_job_that_succeeds()
    {
        var path = files.Write("upload.csv", "电话,姓名\n13800138000,王伟\n13800138001,李娜\n12345,坏号\n");

        var queued = await host.Services.GetRequiredService<ListUploadQueue>().EnqueueAsync("spring", "客户名单.csv", path);
        var runs = await outcomes.UntilFinishedAsync($"upload-{queued.UploadId}", Patience);

        Assert.Equal([true], runs.Select(r => r.Succeeded));
        var upload = await host.Services.GetRequiredService<ListUploads>().FindAsync(queued.UploadId);
        Assert.Equal((UploadStatus.Imported, 3), (upload!.Status, upload.RowsRead));
        await using var connection = await db.OpenConnectionAsync();
        Assert.Equal("客户名单.csv", await connection.ExecuteScalarAsync<string>("select file_name from contact_lists where id = @id", new { id = upload.ListId }));
        Assert.Equal(SucceededState.StateName, History(queued.JobId)[0].StateName);
        Assert.False(File.Exists(path), "the upload's file is removed once its list is in the database");
    }

    [Fact]
    public async Task A_transient_failure_is_retried_with_growing_waits_a_bounded_number_of_times_and_each_failure_is_in_the_history()
    {
        var missing = files.PathOf("not-there-yet.csv");
        File.WriteAllText(missing, "phone\n13800138000\n");
        var queued = await host.Services.GetRequiredService<ListUploadQueue>().EnqueueAsync("summer", "list.csv", missing);
        File.Delete(missing);

        var runs = await outcomes.UntilFinishedAsync($"upload-{queued.UploadId}", Patience);

        Assert.Equal([false, false, false], runs.Select(r => r.Succeeded));
        Assert.Equal([true, true, false], runs.Select(r => r.RetryScheduled));
        var failures = History(queued.JobId).Where(h => h.StateName == FailedState.StateName).ToList();
        Assert.Equal(3, failures.Count);
        Assert.All(failures, h => Assert.Contains("not in the upload folder", h.Data["ExceptionMessage"]));
        var waits = History(queued.JobId).Where(h => h.StateName == ScheduledState.StateName)
            .Select(h => JobHelper.DeserializeDateTime(h.Data["EnqueueAt"]) - JobHelper.DeserializeDateTime(h.Data["ScheduledAt"]))
            .Reverse().ToList();
        Assert.Equal(2, waits.Count);
        Assert.True(waits[1] > waits[0], $"the second wait ({waits[1]}) is not longer than the first ({waits[0]})");
        var upload = await host.Services.GetRequiredService<ListUploads>().FindAsync(queued.UploadId);
        Assert.Equal(UploadStatus.Failed, upload!.Status);
        Assert.Null(upload.ListId);
    }

    [Fact]
    public async Task A_list_that_can_never_be_imported_fails_once_with_its_reason_and_leaves_no_list()
    {
        var path = files.Write("no-phone.csv", "name,city\nWang,Beijing\n");

        var queued = await host.Services.GetRequiredService<ListUploadQueue>().EnqueueAsync("autumn", "no-phone.csv", path);
        var runs = await outcomes.UntilFinishedAsync($"upload-{queued.UploadId}", Patience);

        Assert.False(Assert.Single(runs).Succeeded);
        var history = History(queued.JobId);
        Assert.Equal(FailedState.StateName, history[0].StateName);
        Assert.Single(history, h => h.StateName == FailedState.StateName);
        Assert.DoesNotContain(history, h => h.StateName == ScheduledState.StateName);
        Assert.Equal(typeof(PostgreSql.Import.ContactListFormatException).FullName, history[0].Data["ExceptionType"]);
        Assert.Contains("no phone column", history[0].Data["ExceptionMessage"]);
        var upload = await host.Services.GetRequiredService<ListUploads>().FindAsync(queued.UploadId);
        Assert.Equal(UploadStatus.Failed, upload!.Status);
        Assert.Contains("no phone column", upload.Error);
        await using var connection = await db.OpenConnectionAsync();
        Assert.Equal(0, await connection.ExecuteScalarAsync<int>("select count(*) from contact_lists"));
    }

    [Fact]
    public async Task An_upload_whose_node_stopped_before_enqueuing_its_import_is_imported_by_the_orphaned_uploads_job()
    {
        var path = files.Write("orphan.csv", "phone\n13800138000\n");
        // Recorded, never enqueued (the node stopped in between), a while ago.
        var uploadId = await host.Services.GetRequiredService<ListUploads>().RecordAsync("winter", "orphan.csv", path, UploadStatus.Queued);
        await using (var connection = await db.OpenConnectionAsync())
            await connection.ExecuteAsync("update list_uploads set created_at = now() - interval '2 minutes' where id = @uploadId", new { uploadId });

        // The schedules are re-read every minute; a test asks for the re-read, then runs the recurring job now.
        await host.Services.GetServices<IHostedService>().OfType<RecurringJobSchedules>().Single().SyncAsync(CancellationToken.None);
        host.Services.GetRequiredService<IRecurringJobManagerV2>().TriggerJob(JobPlan.OrphanedUploadsId);
        var runs = await outcomes.UntilFinishedAsync($"upload-{uploadId}", Patience);

        Assert.True(Assert.Single(runs).Succeeded, runs[0].Error);
        var upload = await host.Services.GetRequiredService<ListUploads>().FindAsync(uploadId);
        Assert.Equal(UploadStatus.Imported, upload!.Status);
    }

    /// <summary>The job's states, newest first, as the Hangfire Dashboard shows them.</summary>
    private IList<StateHistoryDto> History(string jobId) =>
        host.Services.GetRequiredService<JobStorage>().GetMonitoringApi().JobDetails(jobId).History;
}
