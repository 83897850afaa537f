using AutoDialer.AspNetCore.Dialing;
using Quartz;

namespace AutoDialer.AspNetCore.Jobs;

/// <summary>
/// Asks each provider for idle agents and dispatches to them, so an agent whose idle event was lost is dialled anyway.
/// Each node has its own trigger in its own execution group: agent sessions live on the node they connected to.
/// </summary>
[DisallowConcurrentExecution]
public sealed class AgentSweepJob(DialingEngine engine) : IJob
{
    public static readonly JobKey Key = new("agent-sweep", "dialing");

    public ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default) =>
        new(engine.SweepAgentsAsync(cancellationToken));
}
