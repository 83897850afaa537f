using AutoDialer.Dialing;
using AutoDialer.Dialing.Settlement;
using AutoDialer.PostgreSql;
using AutoDialer.PostgreSql.Jobs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;

namespace AutoDialer.AspNetCore.Jobs;

/// <summary>
/// Settles attempts whose hang-up never arrived (see <see cref="StaleAttemptSweeper"/>). A recurring job per node, on
/// the node's own queue (a node asks GetState of the sessions it holds). Two runs for one node never overlap: the
/// second finds the node's advisory lock taken and skips — Hangfire's <c>DisableConcurrentExecution</c> would fail it
/// instead, and the sweep it skips is redone by the next occurrence anyway.
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
