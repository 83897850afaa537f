using AutoDialer.AspNetCore.Jobs;
using AutoDialer.Dialing;
using AutoDialer.Dialing.Tests;
using AutoDialer.Simulation;
using AutoDialer.Simulation.Calls;
using AutoDialer.Simulation.InProcess;
using AutoDialer.Testing;
using Dapper;
using Hangfire;
using Microsoft.Extensions.DependencyInjection;

namespace AutoDialer.AspNetCore.Tests.Jobs;

/// <summary>
/// Hangfire reads only the wall clock; on an accelerated clock the same jobs are enqueued at their occurrences in
/// simulated time (the demo's nightly batch runs in its simulated night).
/// </summary>
[Collection("postgres")]
public sealed class SimulatedJobScheduleTests(PostgresFixture postgres)
{
    private const double Speed = 3600; // a simulated hour a wall-clock second

    [Fact]
    public async Task On_an_accelerated_clock_a_campaign_s_nightly_batch_runs_at_its_occurrence_in_simulated_time()
    {
        var db = await postgres.CreateDatabaseAsync("simulated_nightly");
        var simulator = new SimulatorOptions { AccountId = DialingRig.Account, AgentCount = 1, Seed = 3 };
        var campaign = await DialingRig.CreateRunningCampaignAsync(db, "simulated-nightly", contacts: 2,
            DialingRig.Settings(simulator.ResolveAgentIds()) with { NightlyBatchCron = "0 0 * * * ?" }); // every simulated hour
        var time = new AcceleratedTimeProvider(Speed);
        var started = time.GetUtcNow();
        JobOutcomes? outcomes = null;
        await using var host = await DialingRig.StartHostAsync(postgres.ConnectionStringOf(db), "simulated", time, services =>
        {
            services.AddAutoDialerSimulator(simulator);
            outcomes = JobOutcomes.AddTo(services);
        });

        var run = Assert.Single(await outcomes!.UntilFinishedAsync($"nightly-{campaign}", TimeSpan.FromSeconds(30)));

        Assert.True(run.Succeeded, run.Error);
        using var connection = host.Services.GetRequiredService<JobStorage>().GetConnection();
        var occurrence = DateTimeOffset.FromUnixTimeSeconds(long.Parse(connection.GetJobParameter(run.JobId, NightlyRetryBatchJob.OccurrenceParameter),
            System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(occurrence > started && occurrence.ToUnixTimeSeconds() % 3600 == 0, $"occurrence {occurrence:O}, simulated start {started:O}");
        // The orphaned-uploads and audit-retention jobs read the database's clock: they stay wall-clock recurring jobs, never
        // enqueued in simulated time.
        Assert.Equal([JobPlan.AuditRetentionId, JobPlan.OrphanedUploadsId],
            Hangfire.Storage.StorageConnectionExtensions.GetRecurringJobs(connection).Select(r => r.Id).Order(StringComparer.Ordinal));
        var day = NightlyRetryBatchJob.DayClosedBy(occurrence, TimeZoneInfo.FindSystemTimeZoneById(DialingRig.TimeZone));
        await using var read = await db.OpenConnectionAsync();
        Assert.Equal(1, await read.ExecuteScalarAsync<int>("select count(*) from daily_reports where campaign_id = @campaign and day = @day",
            new { campaign, day = day.ToDateTime(TimeOnly.MinValue) }));
    }
}
