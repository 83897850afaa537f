using System.Net.Sockets;
using Npgsql;

namespace AutoDialer.PostgreSql.Tests.Embedded;

/// <summary>Asks a server directly, on a fresh connection, whether it is there.</summary>
internal static class ServerProbe
{
    public static async Task<int> SelectOneAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(Unpooled(connectionString));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select 1", connection);
        return (int)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Stopped means: no postmaster.pid (pg_ctl stop -w waits for it to go) and the port refuses.</summary>
    public static async Task AssertStoppedAsync(string connectionString, string dataDirectory)
    {
        Assert.False(File.Exists(Path.Combine(dataDirectory, "postmaster.pid")), "postmaster.pid is still there");
        var refused = await Assert.ThrowsAnyAsync<NpgsqlException>(() => SelectOneAsync(connectionString));
        Assert.Equal(SocketError.ConnectionRefused, Assert.IsType<SocketException>(refused.InnerException).SocketErrorCode);
    }

    private static string Unpooled(string connectionString) =>
        new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false, Timeout = 5 }.ConnectionString;
}
