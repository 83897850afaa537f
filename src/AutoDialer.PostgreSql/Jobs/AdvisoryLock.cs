using Npgsql;

namespace AutoDialer.PostgreSql.Jobs;

/// <summary>
/// A session-level advisory lock named by text, held on a connection of its own until disposed: for a job that must
/// not run twice at once across the cluster, and must skip (not wait, not fail) when it would (its key:
/// <see cref="AdvisoryLocks.JobTryLockSql"/>).
/// </summary>
internal sealed class AdvisoryLock : IAsyncDisposable
{
    private readonly NpgsqlConnection _connection;
    private readonly string _name;

    private AdvisoryLock(NpgsqlConnection connection, string name)
    {
        _connection = connection;
        _name = name;
    }

    /// <returns>The held lock, or null when another session holds it.</returns>
    public static async Task<AdvisoryLock?> TryAcquireAsync(NpgsqlDataSource dataSource, string name, CancellationToken cancellationToken)
    {
        var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = new NpgsqlCommand(AdvisoryLocks.JobTryLockSql, connection) { Parameters = { new() { Value = name } } };
            if ((bool)(await command.ExecuteScalarAsync(cancellationToken))!)
                return new AdvisoryLock(connection, name);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
        await connection.DisposeAsync();
        return null;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            // Explicit: a pooled connection keeps its session, and with it the lock, after being returned.
            if (_connection.State == System.Data.ConnectionState.Open)
            {
                await using var command = new NpgsqlCommand(AdvisoryLocks.JobUnlockSql, _connection) { Parameters = { new() { Value = _name } } };
                await command.ExecuteScalarAsync(CancellationToken.None);
            }
        }
        catch (NpgsqlException)
        {
            // The session is gone, and its lock with it.
        }
        finally
        {
            await _connection.DisposeAsync();
        }
    }
}
