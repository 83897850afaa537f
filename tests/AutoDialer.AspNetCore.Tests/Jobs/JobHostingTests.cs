using System.Diagnostics;
using System.Net;
using System.Reflection;
using AutoDialer.AspNetCore.Jobs;
using AutoDialer.PostgreSql.Jobs;
using AutoDialer.Testing;
using Dapper;
using Hangfire;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace AutoDialer.AspNetCore.Tests.Jobs;

/// <summary>The traps of hosting Hangfire inside AutoDialer, each pinned by a test.</summary>
[Collection("postgres")]
public sealed class JobHostingTests(PostgresFixture postgres)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Hangfire's default set-up keeps its storage and job activator in process-wide statics (<c>UseStorage</c>,
    /// <c>JobActivator.Current</c>), set when a host's Hangfire configuration runs (its dashboard is mapped) and read when
    /// its server starts. Two hosts in one process built before either starts (the cluster tests, an application hosting
    /// two dialers) would then run the first host's jobs with the second's storage or container. Each host's container
    /// has its own: each import runs in, and is recorded in, its own database.
    /// </summary>
    [Fact]
    public async Task Two_hosts_in_one_process_keep_separate_job_storages()
    {
        var builtFirst = await ApiServer.BuildAsync(postgres, new Dictionary<string, string?> { ["AutoDialer:Dialing:Node"] = "first" });
        var builtSecond = await ApiServer.BuildAsync(postgres, new Dictionary<string, string?> { ["AutoDialer:Dialing:Node"] = "second" });
        await using var first = await builtFirst.StartAsync();
        await using var second = await builtSecond.StartAsync();

        foreach (var (server, name) in new[] { (first, "first"), (second, "second") })
        {
            var id = await server.CreateCampaignAsync(name);
            var upload = await server.UploadAndImportAsync(id, "phone\n13800138000\n"u8.ToArray(), $"{name}.csv");
            Assert.Equal("imported", upload.GetProperty("status").GetString());
        }

        Assert.NotSame(first.Services.GetRequiredService<JobStorage>(), second.Services.GetRequiredService<JobStorage>());
        foreach (var (server, name) in new[] { (first, "first"), (second, "second") })
        {
            await using var connection = await server.Db.OpenConnectionAsync();
            Assert.Equal([name], await connection.QueryAsync<string>("select split_part(id, ':', 1) from hangfire.server"));
            var imports = (await connection.QueryAsync<string>(
                "select arguments from hangfire.job where invocationdata ->> 'Type' like '%ImportContactListJob%'")).ToList();
            Assert.Single(imports);
        }
    }

    /// <summary>
    /// A node's stale sweep never runs twice at once; a second copy (a manual trigger beside the schedule) skips instead
    /// of failing, as Hangfire's DisableConcurrentExecution would make it.
    /// </summary>
    [Fact]
    public async Task A_stale_sweep_whose_node_lock_is_held_skips_and_runs_once_it_is_free()
    {
        await using var server = await ApiServer.StartAsync(postgres, new Dictionary<string, string?> { ["AutoDialer:Dialing:Node"] = "locked" });
        var job = ActivatorUtilities.CreateInstance<StaleAttemptSweepJob>(server.Services);

        await using (var held = await AdvisoryLock.TryAcquireAsync(server.Db, StaleAttemptSweepJob.LockName + "locked", CancellationToken.None))
        {
            Assert.NotNull(held);
            Assert.StartsWith("skipped", await job.RunAsync(CancellationToken.None));
        }

        Assert.Equal("0 stale attempts settled as unknown", await job.RunAsync(CancellationToken.None));
    }

    [Fact]
    public void No_job_uses_DisableConcurrentExecution()
    {
        var assembly = typeof(ImportContactListJob).Assembly;
        var marked = assembly.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly)
                .Cast<MemberInfo>().Append(t))
            .Where(m => m.GetCustomAttributes(typeof(DisableConcurrentExecutionAttribute), inherit: true).Length > 0)
            .Select(m => m.DeclaringType is { } d ? $"{d.Name}.{m.Name}" : m.Name)
            .ToList();
        Assert.Empty(marked);
    }

    [Fact]
    public void Newtonsoft_Json_is_the_pinned_13_0_3_not_the_11_0_1_Hangfire_asks_for()
    {
        var file = FileVersionInfo.GetVersionInfo(typeof(Newtonsoft.Json.JsonConvert).Assembly.Location);
        Assert.Equal("13.0.3", $"{file.FileMajorPart}.{file.FileMinorPart}.{file.FileBuildPart}");
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 4)]
    [InlineData(3, 16)]
    [InlineData(9, 1800)] // at most 30 min
    public void Import_retries_wait_four_times_longer_each_time_up_to_half_an_hour(long attempt, int seconds) =>
        Assert.Equal(seconds, AutoDialerJobFilters.ImportRetryDelaySeconds(TimeSpan.FromSeconds(1), attempt));

    [Theory]
    [InlineData("00:00:00.200", "* * * * * *")]
    [InlineData("00:00:15", "*/15 * * * * *")]
    [InlineData("00:00:50", "*/30 * * * * *")]
    [InlineData("00:01:00", "0 * * * * *")]
    [InlineData("00:20:00", "0 */20 * * * *")]
    [InlineData("00:25:00", "0 */20 * * * *")]
    [InlineData("05:00:00", "0 0 * * * *")]
    public void A_sweep_interval_becomes_the_nearest_cron_that_repeats_evenly(string interval, string cron) =>
        Assert.Equal(cron, IntervalCron.From(TimeSpan.Parse(interval, System.Globalization.CultureInfo.InvariantCulture)));
}
