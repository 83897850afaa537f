using AutoDialer.Dialing;
using AutoDialer.Dialing.Settlement;
using AutoDialer.PostgreSql;
using AutoDialer.PostgreSql.Jobs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;

namespace AutoDialer.AspNetCore.Jobs;

/// <summary>
/// One stale sweep of this node (see <see cref="StaleAttemptSweeper"/>): settles attempts whose hang-up never arrived,
/// for the sessions this node holds. Run by <see cref="StaleSweepService"/> on the node's clock. Two runs for one node
/// never overlap: the second finds the node's advisory lock taken and skips (Hangfire's <c>DisableConcurrentExecution</c>
/// would fail it instead), and the sweep it skips is redone at the next interval anyway. The lock is a session-level
/// advisory lock, so PostgreSQL releases it when a killed holder's connection dies. The class keeps the name and method
/// it had as a recurring job, so a job an earlier version left in the node's queue still runs.
/// </summary>
internal sealed class StaleAttemptSweepJob(StaleAttemptSweeper sweeper, [FromKeyedServices(AutoDialerDataSource.ServiceKey)] NpgsqlDataSource dataSource, IOptions<DialingOptions> options)
{
    public const string LockName = "stale-attempt-sweep:";

    public async Task<string> RunAsync(CancellationToken cancellationToken)
    {
        await using var held = await AdvisoryLock.TryAcquireAsync(dataSource, LockName + options.Value.Node, cancellationToken);
        if (held is null)
            return $"skipped: a sweep of node {options.Value.Node} is running";
        var settled = await sweeper.SweepAsync(cancellationToken);
        return $"{settled} stale attempts settled as unknown";
    }
}
