namespace AutoDialer.AspNetCore.Api;

/// <summary>What the jobs page shows: the scheduler's cluster, its triggers, what runs now, what ran, what was missed.</summary>
public sealed record JobsView(
    string SchedulerName,
    string SchedulerInstanceId,
    IReadOnlyList<ClusterNodeView> Nodes,
    IReadOnlyList<TriggerView> Triggers,
    IReadOnlyList<RunningJobView> Running,
    IReadOnlyList<ExecutionView> History,
    IReadOnlyList<MisfireView> Misfires);

public sealed record ClusterNodeView(string InstanceId, DateTimeOffset? LastCheckIn, double? CheckInIntervalSeconds, string State, bool IsCurrentNode);

/// <param name="Recurring">A cron or interval trigger that fires again, as opposed to a one-off (an upload's import).</param>
public sealed record TriggerView(
    string Group, string Name, string JobGroup, string JobName, string Type, string? Cron, string? TimeZone,
    bool Recurring, string State, DateTimeOffset? NextFire, DateTimeOffset? PreviousFire, string? Description);

public sealed record RunningJobView(string FireInstanceId, string JobGroup, string JobName, string TriggerGroup, string TriggerName,
    string Node, DateTimeOffset FiredAt, double RunningSeconds, int? Progress, string? ProgressMessage);

/// <param name="Exception">The failure's message as the job threw it (type and text), for the person who must fix it.</param>
public sealed record ExecutionView(
    string EntryId, string JobGroup, string JobName, string TriggerGroup, string TriggerName, string Node,
    DateTimeOffset FiredAt, double DurationMs, bool Succeeded, string Result, string? Exception, string? Summary,
    int RetryAttempt, bool RetryScheduled, bool Manual, bool CanRetry);

public sealed record MisfireView(string TriggerGroup, string TriggerName, string? JobGroup, string? JobName,
    DateTimeOffset MisfiredAt, DateTimeOffset? ScheduledFire, string Reason);
