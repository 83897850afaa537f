using System.Threading.Channels;
using AutoDialer.AspNetCore.Jobs;
using Hangfire;
using Hangfire.Common;
using Hangfire.States;
using Hangfire.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace AutoDialer.AspNetCore.Tests;

/// <summary>
/// Hands each finished job run to the test as Hangfire applies its state (succeeded, failed, or scheduled for a retry),
/// so tests await runs instead of sleeping. A job filter in the host's own filter provider, beside AutoDialer's.
/// </summary>
internal sealed class JobOutcomes : IApplyStateFilter
{
    private readonly Channel<JobOutcome> outcomes = Channel.CreateUnbounded<JobOutcome>();
    private JobStorage? storage;

    /// <summary>Adds this to <paramref name="services"/>' job filters (call after AddAutoDialer).</summary>
    public static JobOutcomes AddTo(IServiceCollection services)
    {
        var outcomes = new JobOutcomes();
        services.AddSingleton(outcomes);
        services.AddSingleton<IJobFilterProvider>(sp =>
        {
            outcomes.storage = sp.GetRequiredService<JobStorage>();
            return new WithOutcomes(ActivatorUtilities.CreateInstance<AutoDialerJobFilters>(sp), outcomes);
        });
        return outcomes;
    }

    /// <summary>What tests call a job: <c>upload-{id}</c> for an import, the recurring job's id, else the job's method.</summary>
    public static string KeyOf(Job job, Func<string, string?> parameter) =>
        job.Type == typeof(ImportContactListJob) ? $"upload-{job.Args[0]}"
        : parameter("RecurringJobId") is { } recurring ? recurring.Trim('"')
        : $"{job.Type.Name}.{job.Method.Name}";

    public void OnStateApplied(ApplyStateContext context, IWriteOnlyTransaction transaction)
    {
        var outcome = context.NewState switch
        {
            SucceededState => new JobOutcome("", context.BackgroundJob.Id, true, false, null),
            FailedState failed => new JobOutcome("", context.BackgroundJob.Id, false, false, $"{failed.Exception.GetType().Name}: {failed.Exception.Message}"),
            ScheduledState { Reason: { } reason } when reason.StartsWith("Retry attempt", StringComparison.Ordinal) =>
                new JobOutcome("", context.BackgroundJob.Id, false, true, reason),
            _ => null,
        };
        if (outcome is null || context.BackgroundJob.Job is not { } job) return;
        outcomes.Writer.TryWrite(outcome with { Key = KeyOf(job, name => context.Connection.GetJobParameter(context.BackgroundJob.Id, name)) });
    }

    public void OnStateUnapplied(ApplyStateContext context, IWriteOnlyTransaction transaction)
    {
    }

    /// <summary>Every run of one job until it is over (succeeded, or failed with no retry left).</summary>
    public async Task<IReadOnlyList<JobOutcome>> UntilFinishedAsync(string key, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        var seen = new List<JobOutcome>();
        try
        {
            await foreach (var outcome in outcomes.Reader.ReadAllAsync(deadline.Token))
            {
                if (outcome.Key != key) continue;
                seen.Add(outcome);
                if (outcome.Succeeded || !outcome.RetryScheduled)
                {
                    await UntilCommittedAsync(outcome, deadline.Token);
                    return seen;
                }
            }
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"job {key} did not finish within {timeout}; runs so far: {string.Join("; ", seen)}");
        }
        return seen;
    }

    /// <summary>
    /// A filter sees a state inside the transaction that applies it; a test that reads the storage next (the dashboard,
    /// the facade) must find it committed. No signal follows the commit, hence this bounded re-read of the job's state.
    /// </summary>
    private async Task UntilCommittedAsync(JobOutcome outcome, CancellationToken cancellationToken)
    {
        var expected = outcome.Succeeded ? SucceededState.StateName : FailedState.StateName;
        while (true)
        {
            using (var connection = storage!.GetConnection())
            {
                if (connection.GetStateData(outcome.JobId)?.Name == expected) return;
            }
            await Task.Delay(20, cancellationToken);
        }
    }

    private sealed class WithOutcomes(IJobFilterProvider inner, JobOutcomes outcomes) : IJobFilterProvider
    {
        public IEnumerable<JobFilter> GetFilters(Job job) => inner.GetFilters(job).Append(new JobFilter(outcomes, JobFilterScope.Global, null));
    }
}

internal sealed record JobOutcome(string Key, string JobId, bool Succeeded, bool RetryScheduled, string? Error);
