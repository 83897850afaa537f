using AutoDialer.AspNetCore.Dialing;
using Quartz;

namespace AutoDialer.AspNetCore.Jobs;

/// <summary>Settles attempts whose hang-up never arrived (see <see cref="StaleAttemptSweeper"/>).</summary>
[DisallowConcurrentExecution]
public sealed class StaleAttemptSweepJob(StaleAttemptSweeper sweeper) : IJob
{
    public static readonly JobKey Key = new("stale-attempt-sweep", "dialing");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        var settled = await sweeper.SweepAsync(cancellationToken);
        context.Result = $"{settled} stale attempts settled as unknown";
    }
}
