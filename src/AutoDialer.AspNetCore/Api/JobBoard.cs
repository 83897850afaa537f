using Quartz;
using Quartz.Extensibility;

namespace AutoDialer.AspNetCore.Api;

/// <summary>
/// The jobs page's reads and actions over the clustered Quartz scheduler: triggers and next fire times, executions in
/// progress on every node, the execution history and misfires kept in the database, cluster nodes and their check-ins;
/// "trigger now", and "retry" of a failed execution with the input it had.
/// </summary>
public sealed class JobBoard(ISchedulerFactory schedulers, IExecutionHistoryStore history, TimeProvider clock)
{
    public async Task<JobsView> ReadAsync(bool failedOnly, int historyLimit, CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var name = scheduler.SchedulerName;
        var now = clock.GetUtcNow();

        var nodes = (await scheduler.QueryClusterNodes(cancellationToken))
            .Select(n => new ClusterNodeView(n.InstanceId, n.LastCheckInUtc, n.CheckInInterval?.TotalSeconds, n.State.ToString().ToLowerInvariant(), n.IsCurrentNode))
            .ToList();

        var headers = (await scheduler.QueryTriggers(new TriggerQuery { Take = 500 }, cancellationToken)).Items;
        var details = (await scheduler.GetTriggers(headers.Select(h => h.Key).ToList(), cancellationToken))
            .ToDictionary(t => t.Key!);
        var triggers = headers.Select(h =>
        {
            var trigger = details.GetValueOrDefault(h.Key);
            var cron = trigger as ICronTrigger;
            var recurring = cron is not null || trigger is ISimpleTrigger { RepeatCount: not 0 } || trigger is ICalendarIntervalTrigger or IDailyTimeIntervalTrigger;
            return new TriggerView(h.Key.Group, h.Key.Name, h.JobKey.Group, h.JobKey.Name, h.TriggerType, cron?.CronExpressionString,
                cron?.TimeZone.Id, recurring, h.State.ToString().ToLowerInvariant(), h.NextFireTimeUtc, h.PreviousFireTimeUtc, h.Description);
        })
            .OrderByDescending(t => t.Recurring).ThenBy(t => t.NextFire ?? DateTimeOffset.MaxValue)
            .ToList();

        var running = (await scheduler.QueryFireInstances(new FireInstanceQuery { State = FireInstanceState.Executing, Take = 200 }, cancellationToken)).Items
            .Select(f => new RunningJobView(f.FireInstanceId, f.JobKey?.Group ?? "", f.JobKey?.Name ?? "", f.TriggerKey.Group, f.TriggerKey.Name,
                f.SchedulerInstanceId, f.FireTimeUtc, Math.Max(0, (now - f.FireTimeUtc).TotalSeconds), f.Progress, f.ProgressMessage))
            .ToList();

        var executions = (await history.QueryExecutions(new ExecutionHistoryQuery
            {
                SchedulerName = name,
                FailedFinally = failedOnly ? true : null,
                Take = historyLimit,
            }, cancellationToken)).Items
            .Select(e => new ExecutionView(e.EntryId ?? "", e.JobGroup, e.JobName, e.TriggerGroup, e.TriggerName, e.SchedulerInstanceId,
                e.FiredAtUtc, Math.Round(e.Duration.TotalMilliseconds, 1), e.Succeeded, e.EffectiveResult.ToString().ToLowerInvariant(),
                e.ExceptionMessage, e.Summary, e.RetryAttempt, e.RetryScheduled, e.Manual, CanRetry: !e.Succeeded && !e.RetryScheduled))
            .ToList();

        var misfires = (await history.QueryMisfires(new MisfireHistoryQuery { SchedulerName = name, Take = 100 }, cancellationToken)).Items
            .Select(m => new MisfireView(m.TriggerGroup, m.TriggerName, m.JobKey?.Group, m.JobKey?.Name, m.MisfiredAtUtc, m.ScheduledFireTimeUtc,
                m.Reason.ToString().ToLowerInvariant()))
            .ToList();

        return new JobsView(name, scheduler.SchedulerInstanceId, nodes, triggers, running, executions, misfires);
    }

    /// <returns>False when no such job is stored.</returns>
    public async Task<bool> TriggerNowAsync(JobKey job, CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        if (!await scheduler.Exists(job, cancellationToken)) return false;
        await scheduler.TriggerJob(job, cancellationToken);
        return true;
    }

    /// <summary>Runs a failed execution's job again with the input that execution had.</summary>
    public async Task<RetryOutcome> RetryAsync(string entryId, CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        if (await history.GetExecution(scheduler.SchedulerName, entryId, cancellationToken) is not { } entry) return RetryOutcome.NotFound;
        if (entry.Succeeded) return RetryOutcome.NotFailed;
        var job = new JobKey(entry.JobName, entry.JobGroup);
        if (!await scheduler.Exists(job, cancellationToken)) return RetryOutcome.JobGone;
        var data = new JobDataMap();
        if (entry.Input is not null) data[SchedulerConstants.JobInput] = entry.Input;
        await scheduler.TriggerJob(job, data, cancellationToken);
        return RetryOutcome.Triggered;
    }

    public enum RetryOutcome { Triggered, NotFound, NotFailed, JobGone }
}
