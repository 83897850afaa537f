namespace AutoDialer.AspNetCore.Api;

/// <summary>
/// <c>GET /api/jobs</c>: a small summary of the jobs for scripts and the dashboard's header; the whole picture (history,
/// retries, every state, the exception's stack) is the Hangfire Dashboard at <see cref="Dashboard"/>.
/// </summary>
internal sealed record JobsView(
    string Dashboard,
    IReadOnlyList<JobServerView> Servers,
    IReadOnlyList<RecurringJobView> Recurring,
    IReadOnlyList<ProcessingJobView> Processing,
    IReadOnlyList<FailedJobView> Failures);

/// <summary>A Hangfire server: one per running node (its name is the node's), with the queues it serves.</summary>
internal sealed record JobServerView(string Name, IReadOnlyList<string> Queues, int Workers, DateTimeOffset StartedAt, DateTimeOffset? Heartbeat);

/// <param name="Cron">Hangfire's (Cronos') expression, seconds first; a campaign's nightly batch is written in Quartz's dialect in its settings.</param>
/// <param name="LateSeconds">How long past due its next run is, when more than 30 s (no node could schedule it: see the
/// <c>jobs</c> health check for the lock in the way); null when on time.</param>
internal sealed record RecurringJobView(string Id, string Job, string Cron, string TimeZone, string? Queue, DateTimeOffset? NextRun,
    DateTimeOffset? LastRun, string? LastState, string? Error, double? LateSeconds);

internal sealed record ProcessingJobView(string JobId, string Job, string? Server, DateTimeOffset? StartedAt);

/// <param name="Exception">The exception's type and message, for the person who must fix it.</param>
internal sealed record FailedJobView(string JobId, string Job, DateTimeOffset? FailedAt, string? Reason, string? Exception);
