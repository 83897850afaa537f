using System.Net.Sockets;
using Npgsql;

namespace AutoDialer.PostgreSql;

/// <summary>
/// The database is away — restarting, failed over, unreachable — rather than refusing what was asked: the server
/// ended the connection (SQLSTATE class 57: admin or crash shutdown, cannot connect now), the connection failed
/// (class 08), or none could be made (a socket error, no SQLSTATE). After a restart every connection idle in the
/// pool is dead and Npgsql hands them out as if alive, so whoever meets this should empty the pool
/// (<see cref="NpgsqlDataSource.Clear"/>) before trying again, or each dead connection fails one more try.
/// </summary>
internal static class DatabaseUnavailable
{
    public static bool Is(Exception exception) => exception switch
    {
        PostgresException p => p.SqlState.StartsWith("57P", StringComparison.Ordinal) || p.SqlState.StartsWith("08", StringComparison.Ordinal),
        NpgsqlException n => n.InnerException is SocketException or IOException or TimeoutException || n.IsTransient,
        _ => false,
    };
}
