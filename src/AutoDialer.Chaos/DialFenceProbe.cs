using Npgsql;

namespace AutoDialer.Chaos;

/// <summary>
/// Whether a node holds the dial fence right now, read from PostgreSQL: one of its connections (by the application
/// name the run gives each node) holds shared advisory locks, which only the fence takes. So the run can freeze a node
/// exactly while operators' changes would have to wait for it.
/// </summary>
internal static class DialFenceProbe
{
    private const string HeldSql = """
        select exists (select 1 from pg_locks l join pg_stat_activity a on a.pid = l.pid
                       where a.application_name = @node and l.locktype = 'advisory' and l.mode = 'ShareLock' and l.granted)
        """;

    public static async Task<bool> HeldByAsync(NpgsqlDataSource database, string node, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand(HeldSql);
        command.Parameters.AddWithValue("node", node);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is true;
    }
}
