using AutoDialer.AspNetCore.Dialing;
using AutoDialer.PostgreSql.Campaigns;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Quartz;

namespace AutoDialer.AspNetCore.Jobs;

/// <summary>
/// Keeps the dialing triggers in the job store in step with this node and the campaigns: this node's agent sweep
/// and stale sweep (in its own execution group), and one nightly batch trigger per running or paused
/// campaign with the campaign's cron in its time zone. Re-checked every minute, so a settings change is picked up.
/// </summary>
public sealed class DialingSchedules(
    ISchedulerFactory schedulers,
    CampaignStore campaigns,
    IOptions<DialingOptions> options,
    ILogger<DialingSchedules> logger) : BackgroundService
{
    public const string NightlyGroup = "nightly";

    public static string NodeGroup(DialingOptions options) => "node-" + options.Node;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var scheduler = await schedulers.GetScheduler(stoppingToken);
        var dialing = options.Value;
        await scheduler.ScheduleJob(TriggerBuilder.Create()
            .WithIdentity($"agent-sweep-{dialing.Node}", "dialing")
            .ForJob(AgentSweepJob.Key)
            .WithExecutionGroup(NodeGroup(dialing))
            .WithSimpleSchedule(s => s.WithInterval(dialing.AgentSweepInterval).RepeatForever().WithMisfireInstruction(SimpleTriggerMisfireInstruction.NextWithRemainingCount))
            .StartNow()
            .Build(), new ScheduleJobOptions { Replace = true }, stoppingToken);
        // The cluster-wide trigger of earlier versions: any node ran it, and a node cannot ask another node's sessions.
        await scheduler.UnscheduleJob(new TriggerKey("stale-attempt-sweep", "dialing"), stoppingToken);
        await scheduler.ScheduleJob(TriggerBuilder.Create()
            .WithIdentity($"stale-attempt-sweep-{dialing.Node}", "dialing")
            .ForJob(StaleAttemptSweepJob.Key)
            // Per node: a node asks GetState of the sessions it holds.
            .WithExecutionGroup(NodeGroup(dialing))
            .WithSimpleSchedule(s => s.WithInterval(dialing.StaleSweepInterval).RepeatForever().WithMisfireInstruction(SimpleTriggerMisfireInstruction.NextWithRemainingCount))
            .StartNow()
            .Build(), new ScheduleJobOptions { Replace = true }, stoppingToken);

        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(1));
        do
        {
            try
            {
                await SyncNightlyTriggersAsync(scheduler, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Keeping the nightly batch triggers in step failed; trying again in a minute");
            }
        } while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        // This node's sessions go with it: its sweep trigger must not wait for a node that will never come back.
        try
        {
            var scheduler = await schedulers.GetScheduler(cancellationToken);
            await scheduler.UnscheduleJob(new TriggerKey($"agent-sweep-{options.Value.Node}", "dialing"), cancellationToken);
            await scheduler.UnscheduleJob(new TriggerKey($"stale-attempt-sweep-{options.Value.Node}", "dialing"), cancellationToken);
        }
        catch (Exception e) when (e is SchedulerException or ObjectDisposedException or OperationCanceledException)
        {
            logger.LogDebug(e, "Could not remove this node's agent sweep trigger");
        }
        await base.StopAsync(cancellationToken);
    }

    public async Task SyncNightlyTriggersAsync(IScheduler scheduler, CancellationToken cancellationToken)
    {
        var wanted = new HashSet<TriggerKey>();
        foreach (var campaign in await campaigns.ListAsync(cancellationToken))
        {
            if (campaign.State is not (Core.Campaigns.CampaignState.Running or Core.Campaigns.CampaignState.Paused))
                continue;
            var key = new TriggerKey($"nightly-{campaign.Id}", NightlyGroup);
            wanted.Add(key);
            var cron = campaign.Settings.NightlyBatchCron;
            var zone = campaign.Settings.Schedule.TimeZoneId;
            if (await scheduler.GetTrigger(key, cancellationToken) is ICronTrigger existing
                && existing.CronExpressionString == cron && existing.TimeZone.Id == zone)
                continue;
            await scheduler.ScheduleJob(TriggerBuilder.Create()
                .WithIdentity(key)
                .ForJob(NightlyRetryBatchJob.Key)
                .UsingJobData(NightlyRetryBatchJob.CampaignIdKey, campaign.Id)
                .UsingJobData(NightlyRetryBatchJob.TimeZoneKey, zone)
                .WithCronSchedule(cron, c => c.InTimeZone(TimeZoneInfo.FindSystemTimeZoneById(zone)).WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed))
                .Build(), new ScheduleJobOptions { Replace = true }, cancellationToken);
            logger.LogInformation("Nightly batch of campaign {Campaign} scheduled at '{Cron}' ({Zone})", campaign.Name, cron, zone);
        }
        foreach (var key in await scheduler.GetTriggerKeys(GroupMatcher<TriggerKey>.GroupEquals(NightlyGroup), cancellationToken))
        {
            if (!wanted.Contains(key))
                await scheduler.UnscheduleJob(key, cancellationToken);
        }
    }
}
