using System.Net.Sockets;
using Npgsql;

namespace AutoDialer.PostgreSql;

/// <summary>
/// The database is away — restarting, failed over, unreachable — rather than refusing what was asked: the server
/// ended the connection (SQLSTATE class 57: admin or crash shutdown, cannot connect now), the connection failed
/// (class 08), or none could be made (a socket error, no SQLSTATE). After a restart every connection idle in the
/// pool is dead and Npgsql hands them out as if alive, so whoever meets this should empty the pool
/// (<see cref="NpgsqlDataSource.Clear"/>) before trying again, or each dead connection fails one more try.
/// A read its caller cancelled (a client that gave up on its request, a node stopping) is not the database being away,
/// even when Npgsql had to break that one connection to stop it: Npgsql discards that connection itself, and emptying the
/// pool for it would only cost every other request a new connection.
/// </summary>
internal static class DatabaseUnavailable
{
    public static bool Is(Exception exception) => !CancelledByCaller(exception) && exception switch
    {
        PostgresException p => p.SqlState.StartsWith("57P", StringComparison.Ordinal) || p.SqlState.StartsWith("08", StringComparison.Ordinal),
        NpgsqlException n => n.InnerException is SocketException or IOException or TimeoutException || n.IsTransient,
        _ => false,
    };

    /// <summary>Whether the failure came from a cancellation: an <see cref="OperationCanceledException"/> anywhere in its chain.</summary>
    private static bool CancelledByCaller(Exception exception)
    {
        for (Exception? e = exception; e is not null; e = e.InnerException)
            if (e is OperationCanceledException) return true;
        return false;
    }
}
