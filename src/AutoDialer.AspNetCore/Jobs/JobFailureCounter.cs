using AutoDialer.Core;
using Hangfire.Common;
using Hangfire.States;
using Hangfire.Storage;

namespace AutoDialer.AspNetCore.Jobs;

/// <summary>Counts each job run that ends failed (<c>autodialer.jobs.failures</c>), also one Hangfire retries later.</summary>
internal sealed class JobFailureCounter(AutoDialerTelemetry telemetry) : JobFilterAttribute, IElectStateFilter
{
    public void OnStateElection(ElectStateContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.CandidateState is FailedState && context.BackgroundJob.Job is { } job)
            telemetry.CountJobFailure($"{job.Type.Name}.{job.Method.Name}");
    }
}
