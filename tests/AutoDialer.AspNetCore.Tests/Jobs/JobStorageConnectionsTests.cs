using AutoDialer.AspNetCore.Jobs;
using Npgsql;

namespace AutoDialer.AspNetCore.Tests.Jobs;

public sealed class JobStorageConnectionsTests
{
    /// <summary>
    /// AutoDialer's own pool ends a transaction left idle 10 s (a frozen node's); Hangfire.PostgreSql's transactions are
    /// its own business, so the job store's pool sets no such limit, and keeps AutoDialer's other settings.
    /// </summary>
    [Fact]
    public async Task The_job_stores_pool_leaves_idle_transactions_unbounded()
    {
        await using var connections = new JobStorageConnections("Host=127.0.0.1;Username=u;Database=d", maxConnections: 5);

        var options = new NpgsqlConnectionStringBuilder(connections.DataSource.ConnectionString).Options;

        Assert.DoesNotContain("idle_in_transaction_session_timeout", options, StringComparison.Ordinal);
        Assert.Contains("-c jit=off", options, StringComparison.Ordinal);
    }
}
