using Npgsql;

namespace AutoDialer.PostgreSql.Jobs;

/// <summary>
/// A session-level advisory lock named by text, held on a connection of its own until disposed: for a job that must
/// not run twice at once across the cluster, and must skip (not wait, not fail) when it would.
/// </summary>
public sealed class AdvisoryLock : IAsyncDisposable
{
    /// <summary>
    /// Takes the lock without waiting. Locks on <c>hashtext(name)</c> in the two-key space with class 0x4144 ("AD"), so
    /// it never meets the migration lock (one bigint key) or the dialer's per-agent and per-callee locks.
    /// </summary>
    private const string TryLockSql = "select pg_try_advisory_lock(16708, hashtext($1))";

    private const string UnlockSql = "select pg_advisory_unlock(16708, hashtext($1))";

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
            await using var command = new NpgsqlCommand(TryLockSql, connection) { Parameters = { new() { Value = name } } };
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
                await using var command = new NpgsqlCommand(UnlockSql, _connection) { Parameters = { new() { Value = _name } } };
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
