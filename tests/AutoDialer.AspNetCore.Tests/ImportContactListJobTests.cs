using AutoDialer.AspNetCore.Jobs;
using AutoDialer.PostgreSql.Uploads;
using AutoDialer.Testing;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Quartz;
using Quartz.Extensibility;

namespace AutoDialer.AspNetCore.Tests;

[Collection("postgres")]
public sealed class ImportContactListJobTests(PostgresFixture postgres) : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private readonly ListFiles files = new();
    private readonly JobOutcomes outcomes = new();
    private NpgsqlDataSource db = null!;
    private IHost host = null!;

    public async Task InitializeAsync()
    {
        db = await postgres.CreateDatabaseAsync("jobs");
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration["AutoDialer:ConnectionString"] = postgres.ConnectionStringOf(db);
        builder.Services.AddAutoDialer(builder.Configuration, o =>
        {
            o.ImportRetries = 2;
            o.ImportRetryDelay = TimeSpan.FromMilliseconds(200);
        });
        host = builder.Build();
        await host.StartAsync();
        var scheduler = await host.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        scheduler.ListenerManager.AddJobListener(outcomes, []);
    }

    public async Task DisposeAsync()
    {
        await host.StopAsync();
        host.Dispose();
        files.Dispose();
    }

    [Fact]
    public async Task An_uploaded_list_is_imported_by_the_job_and_recorded_as_a_success()
    {
        var path = files.Write("upload.csv", "电话,姓名\n13800138000,王伟\n13800138001,李娜\n12345,坏号\n");

        var uploadId = await host.Services.GetRequiredService<ListUploadQueue>().EnqueueAsync("spring", "客户名单.csv", path);
        var runs = await outcomes.UntilFinishedAsync($"upload-{uploadId}", Patience);

        Assert.Equal([true], runs.Select(r => r.Succeeded));
        var upload = await host.Services.GetRequiredService<ListUploads>().FindAsync(uploadId);
        Assert.Equal(("imported", 3), (upload!.Status, upload.RowsRead));
        await using var connection = await db.OpenConnectionAsync();
        Assert.Equal("客户名单.csv", await connection.ExecuteScalarAsync<string>("select file_name from contact_lists where id = @id", new { id = upload.ListId }));
        var history = await HistoryAsync(uploadId, expected: 1);
        Assert.Single(history);
        Assert.True(history[0].Succeeded);
    }

    [Fact]
    public async Task A_transient_failure_is_retried_with_backoff_a_bounded_number_of_times_and_each_failure_is_in_the_history()
    {
        var missing = files.PathOf("not-there-yet.csv");
        File.WriteAllText(missing, "phone\n13800138000\n");
        var uploadId = await host.Services.GetRequiredService<ListUploadQueue>().EnqueueAsync("summer", "list.csv", missing);
        File.Delete(missing);

        var runs = await outcomes.UntilFinishedAsync($"upload-{uploadId}", Patience);

        Assert.Equal([false, false, false], runs.Select(r => r.Succeeded));
        Assert.Equal([true, true, false], runs.Select(r => r.RetryScheduled));
        var history = await HistoryAsync(uploadId, expected: 3);
        Assert.Equal(3, history.Count);
        Assert.All(history, h => Assert.Contains("not in the upload folder", h.ExceptionMessage));
        var upload = await host.Services.GetRequiredService<ListUploads>().FindAsync(uploadId);
        Assert.Equal("failed", upload!.Status);
        Assert.Null(upload.ListId);
    }

    [Fact]
    public async Task A_list_that_can_never_be_imported_fails_once_with_its_reason_and_leaves_no_list()
    {
        var path = files.Write("no-phone.csv", "name,city\nWang,Beijing\n");

        var uploadId = await host.Services.GetRequiredService<ListUploadQueue>().EnqueueAsync("autumn", "no-phone.csv", path);
        var runs = await outcomes.UntilFinishedAsync($"upload-{uploadId}", Patience);

        Assert.Single(runs);
        Assert.False(runs[0].Succeeded);
        var history = await HistoryAsync(uploadId, expected: 1);
        Assert.Contains("no phone column", Assert.Single(history).ExceptionMessage);
        var upload = await host.Services.GetRequiredService<ListUploads>().FindAsync(uploadId);
        Assert.Equal("failed", upload!.Status);
        Assert.Contains("no phone column", upload.Error);
        await using var connection = await db.OpenConnectionAsync();
        Assert.Equal(0, await connection.ExecuteScalarAsync<int>("select count(*) from contact_lists"));
    }

    /// <summary>
    /// The execution history of one upload's trigger once it holds <paramref name="expected"/> rows. Quartz's history
    /// plugin writes a row as the execution completes, beside (not before) the job listeners the test awaits, so the
    /// last row may land a moment after the listener fired; there is no signal for it, hence the bounded re-read.
    /// </summary>
    private async Task<IReadOnlyList<ExecutionHistoryEntry>> HistoryAsync(long uploadId, int expected)
    {
        var store = host.Services.GetRequiredService<IExecutionHistoryStore>();
        var scheduler = await host.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        var query = new ExecutionHistoryQuery
        {
            SchedulerName = scheduler.SchedulerName,
            Trigger = new TriggerKey($"upload-{uploadId}", "imports"),
        };
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (true)
        {
            var page = await store.QueryExecutions(query, CancellationToken.None);
            if (page.Items.Count >= expected || DateTime.UtcNow > deadline)
                return page.Items;
            await Task.Delay(50);
        }
    }
}
