using AutoDialer.PostgreSql;
using Hangfire.PostgreSql;
using Npgsql;

namespace AutoDialer.AspNetCore.Jobs;

/// <summary>
/// The job store's own connection pool: Hangfire's workers, its long-polling listeners and its heartbeats never take the
/// connections dispatch needs, and the other way round. Disposed with the host's container, pool and all.
/// </summary>
internal sealed class JobStorageConnections : IConnectionFactory, IAsyncDisposable, IDisposable
{
    public const string ApplicationName = "autodialer-jobs";

    public JobStorageConnections(string connectionString, int maxConnections)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString)
        {
            ApplicationName = ApplicationName,
            MaxPoolSize = maxConnections,
            // Hangfire.PostgreSql refuses enlistment in ambient transactions unless told otherwise.
            Enlist = false,
        };
        // Hangfire.PostgreSql's transactions are its own: their idleness is not bounded here.
        DataSource = AutoDialerDataSource.Create(builder.ConnectionString, resetSessions: true, name: ApplicationName, idleTransactionLimit: TimeSpan.Zero);
    }

    public NpgsqlDataSource DataSource { get; }

    public NpgsqlConnection GetOrCreateConnection() => DataSource.CreateConnection();

    public ValueTask DisposeAsync() => DataSource.DisposeAsync();

    public void Dispose() => DataSource.Dispose();
}
