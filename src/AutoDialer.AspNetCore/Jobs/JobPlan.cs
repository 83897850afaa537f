using AutoDialer.Core.Campaigns;
using AutoDialer.Core.StoredWords;
using AutoDialer.Dialing;
using AutoDialer.PostgreSql.Campaigns;
using Hangfire.Common;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AutoDialer.AspNetCore.Jobs;

/// <summary>
/// The recurring jobs this node wants: the cluster's <c>orphaned-uploads</c> (see <see cref="OrphanedUploadsJob"/>) and
/// <c>audit-retention</c> (<see cref="AuditRetentionJob"/>), and one nightly batch per running or paused campaign
/// (<c>nightly-{id}</c>, its cron in the campaign's time zone). Read by <see cref="RecurringJobSchedules"/> (Hangfire's
/// recurring jobs, wall-clock time) or, on an accelerated clock, by <see cref="SimulatedJobSchedule"/>, which enqueues the
/// same jobs at the same occurrences in simulated time. The stale sweep is no recurring job: <see cref="StaleSweepService"/>.
/// </summary>
internal sealed class JobPlan(CampaignStore campaigns, IOptions<DialingOptions> options, ILogger<JobPlan> logger)
{
    public const string NightlyPrefix = "nightly-";
    public const string StalePrefix = "stale-attempts-";
    public const string OrphanedUploadsId = "orphaned-uploads";
    public const string AuditRetentionId = "audit-retention";

    /// <summary>The recurring job an earlier version kept for this node's stale sweep, now <see cref="StaleSweepService"/>: removed, never created.</summary>
    public string LegacyStaleSweepId => StalePrefix + options.Value.Node;

    /// <summary>Cluster-wide, every minute: uploads whose node stopped before enqueuing their import.</summary>
    public static PlannedJob OrphanedUploads() => new(OrphanedUploadsId,
        Job.FromExpression<OrphanedUploadsJob>(job => job.RunAsync(CancellationToken.None), JobQueues.Shared),
        IntervalCron.From(TimeSpan.FromMinutes(1)), TimeZoneInfo.Utc, JobQueues.Shared);

    /// <summary>Cluster-wide, daily at 03:17 UTC: the audit trail's retention (<see cref="AuditRetentionJob"/>).</summary>
    public static PlannedJob AuditRetention() => new(AuditRetentionId,
        Job.FromExpression<AuditRetentionJob>(job => job.RunAsync(CancellationToken.None), JobQueues.Shared),
        "0 17 3 * * *", TimeZoneInfo.Utc, JobQueues.Shared);

    /// <summary>The cluster's recurring jobs that keep wall-clock time whatever the dialer's clock: <see cref="OrphanedUploads"/>, <see cref="AuditRetention"/>.</summary>
    public static IReadOnlyList<PlannedJob> WallClockJobs() => [OrphanedUploads(), AuditRetention()];

    public async Task<IReadOnlyList<PlannedJob>> NightlyAsync(CancellationToken cancellationToken)
    {
        var wanted = new List<PlannedJob>();
        foreach (var campaign in await campaigns.ListAsync(cancellationToken))
        {
            if (campaign.State is not (CampaignState.Running or CampaignState.Paused))
                continue;
            // Validated when saved; a campaign stored before validation existed is skipped with a reason, never stopping the rest.
            var conversion = QuartzCron.ToCronos(campaign.Settings.NightlyBatchCron);
            if (conversion.Cronos is null || !TryFindZone(campaign.Settings.Schedule.TimeZoneId, out var zone))
            {
                logger.LogError("Campaign {Campaign} has no nightly batch: cron '{Cron}' in '{Zone}' cannot run ({Problem})",
                    campaign.Name, campaign.Settings.NightlyBatchCron, campaign.Settings.Schedule.TimeZoneId, conversion.Problem ?? "unknown time zone");
                continue;
            }
            var id = campaign.Id;
            var zoneId = campaign.Settings.Schedule.TimeZoneId;
            wanted.Add(new PlannedJob(NightlyPrefix + id,
                Job.FromExpression<NightlyRetryBatchJob>(job => job.RunAsync(id, zoneId, null, CancellationToken.None), JobQueues.Shared),
                conversion.Cronos, zone, JobQueues.Shared));
        }
        return wanted;
    }

    private static bool TryFindZone(string id, out TimeZoneInfo zone)
    {
        try
        {
            zone = TimeZoneInfo.FindSystemTimeZoneById(id);
            return true;
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            zone = TimeZoneInfo.Utc;
            return false;
        }
    }
}
