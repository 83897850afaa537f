using AutoDialer.PostgreSql.Audit;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AutoDialer.AspNetCore.Jobs;

/// <summary>
/// Removes audit entries older than <see cref="AutoDialerOptions.AuditRetention"/> (by the database's clock): a recurring
/// job, once a day, cluster-wide (<see cref="JobPlan.AuditRetentionId"/>). Safe to run twice: the second finds nothing.
/// </summary>
internal sealed class AuditRetentionJob(AuditTrail trail, IOptions<AutoDialerOptions> options, ILogger<AuditRetentionJob> logger)
{
    public async Task<string> RunAsync(CancellationToken cancellationToken)
    {
        var retention = options.Value.AuditRetention;
        var removed = await trail.PurgeAsync(retention, cancellationToken);
        if (removed > 0)
            logger.LogInformation("Audit trail: {Removed} entries older than {Days} days removed", removed, retention.TotalDays);
        return $"{removed} audit entries older than {retention.TotalDays} days removed";
    }
}
