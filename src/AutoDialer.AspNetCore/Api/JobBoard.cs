using AutoDialer.Core.Jobs;
using Hangfire;
using Hangfire.States;
using Hangfire.Storage;

namespace AutoDialer.AspNetCore.Api;

/// <summary>
/// The jobs facade's reads and actions over this host's Hangfire storage: servers, recurring jobs with their next run,
/// jobs processing now, recent failures; "trigger" a recurring job now, "requeue" a finished or failed job.
/// </summary>
internal sealed class JobBoard(JobStorage storage, IRecurringJobManagerV2 recurring, IBackgroundJobClient client, AutoDialerRoutes routes)
{
    public Task<JobsView> ReadAsync(int limit, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var monitoring = storage.GetMonitoringApi();
        var servers = monitoring.Servers()
            .Select(s => new JobServerView(s.Name, s.Queues.ToList(), s.WorkersCount, Utc(s.StartedAt), s.Heartbeat is { } h ? Utc(h) : null))
            .OrderBy(s => s.Name, StringComparer.Ordinal)
            .ToList();
        List<RecurringJobView> recurringJobs;
        using (var connection = storage.GetConnection())
        {
            // Hangfire schedules on the wall clock, so lateness is judged on it (see SchedulingLag).
            var now = TimeProvider.System.GetUtcNow();
            recurringJobs = connection.GetRecurringJobs()
                .Select(r => new RecurringJobView(r.Id, Describe(r.Job), r.Cron, r.TimeZoneId ?? "UTC", r.Queue,
                    r.NextExecution is { } next ? Utc(next) : null, r.LastExecution is { } last ? Utc(last) : null, r.LastJobState, r.Error,
                    RecurringJobLateness.LateBy(r.NextExecution is { } due ? Utc(due) : null, now) is { } late ? Math.Round(late.TotalSeconds) : null))
                .OrderBy(r => r.NextRun ?? DateTimeOffset.MaxValue)
                .ToList();
        }
        var processing = monitoring.ProcessingJobs(0, limit)
            .Select(p => new ProcessingJobView(p.Key, Describe(p.Value.Job), p.Value.ServerId, p.Value.StartedAt is { } at ? Utc(at) : null))
            .ToList();
        var failures = monitoring.FailedJobs(0, limit)
            .Select(f => new FailedJobView(f.Key, Describe(f.Value.Job), f.Value.FailedAt is { } at ? Utc(at) : null, f.Value.Reason,
                f.Value.ExceptionType is null ? f.Value.ExceptionMessage : $"{f.Value.ExceptionType}: {f.Value.ExceptionMessage}"))
            .ToList();
        return Task.FromResult(new JobsView(routes.Prefix + "/hangfire", servers, recurringJobs, processing, failures));
    }

    /// <returns>The id of the job created, or null when no recurring job has this id.</returns>
    public string? TriggerNow(string recurringJobId)
    {
        using var connection = storage.GetConnection();
        if (connection.GetRecurringJobs([recurringJobId]).FirstOrDefault() is not { Removed: false })
            return null;
        return recurring.TriggerJob(recurringJobId);
    }

    /// <summary>Enqueues a finished job again (Hangfire's "requeue"), with the arguments it had.</summary>
    public RequeueOutcome Requeue(string jobId)
    {
        var state = storage.GetMonitoringApi().JobDetails(jobId)?.History.FirstOrDefault()?.StateName;
        if (state is null) return RequeueOutcome.NotFound;
        if (!FinishedStates.Contains(state))
            return RequeueOutcome.NotFinished;
        return client.Requeue(jobId) ? RequeueOutcome.Requeued : RequeueOutcome.NotFinished;
    }

    private static readonly HashSet<string> FinishedStates = [FailedState.StateName, SucceededState.StateName, DeletedState.StateName];

    public enum RequeueOutcome { Requeued, NotFound, NotFinished }

    private static string Describe(Hangfire.Common.Job? job) => job is null ? "(unreadable)" : $"{job.Type.Name}.{job.Method.Name}";

    private static DateTimeOffset Utc(DateTime at) => new(DateTime.SpecifyKind(at, DateTimeKind.Utc));
}
