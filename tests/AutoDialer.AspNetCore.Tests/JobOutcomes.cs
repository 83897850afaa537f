using System.Threading.Channels;
using Quartz;

namespace AutoDialer.AspNetCore.Tests;

/// <summary>Hands each finished job execution to the test as it happens, so tests await executions instead of sleeping.</summary>
internal sealed class JobOutcomes : IJobListener
{
    private readonly Channel<JobOutcome> outcomes = Channel.CreateUnbounded<JobOutcome>();

    public string Name => "test-job-outcomes";

    public ValueTask JobToBeExecuted(IJobExecutionContext context, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

    public ValueTask JobExecutionVetoed(IJobExecutionContext context, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

    public ValueTask JobWasExecuted(IJobExecutionContext context, JobExecutionException? jobException, CancellationToken cancellationToken = default)
    {
        outcomes.Writer.TryWrite(new JobOutcome(context.Trigger.Key.Name, jobException is null, context.RetryScheduled, jobException?.Message));
        return ValueTask.CompletedTask;
    }

    /// <summary>Every execution of one trigger until its occurrence is over (succeeded, or failed with no retry left).</summary>
    public async Task<IReadOnlyList<JobOutcome>> UntilFinishedAsync(string triggerName, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        var seen = new List<JobOutcome>();
        await foreach (var outcome in outcomes.Reader.ReadAllAsync(deadline.Token))
        {
            if (outcome.Trigger != triggerName) continue;
            seen.Add(outcome);
            if (outcome.Succeeded || !outcome.RetryScheduled) return seen;
        }
        return seen;
    }
}

internal sealed record JobOutcome(string Trigger, bool Succeeded, bool RetryScheduled, string? Error);
