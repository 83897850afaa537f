using Dapper;
using Npgsql;

namespace AutoDialer.Bench;

/// <summary>
/// Statements PostgreSQL executed in the bench's database, from <c>pg_stat_statements</c> (every statement counts,
/// each of a multi-statement command, each of a pooled connection's reset, each <c>BEGIN</c> and <c>COMMIT</c>), so a bench
/// can say how many statements a unit of work costs. The extension needs the server to preload it: a bench asks the
/// embedded server it starts to (<see cref="ServerSettings"/>); a server already running without it, or another
/// server, gives no count (<see cref="ReadAsync"/> returns null, and says why in <see cref="Unavailable"/>).
/// </summary>
internal static class PostgresStatements
{
    /// <summary>What a bench passes to the embedded server it starts.</summary>
    public static IReadOnlyDictionary<string, string> ServerSettings { get; } = new Dictionary<string, string>
    {
        ["shared_preload_libraries"] = "pg_stat_statements",
        // Utility statements (BEGIN, COMMIT, a reset's DISCARD and SET) are statements too.
        ["pg_stat_statements.track_utility"] = "on",
    };

    /// <summary>Why the last read gave no count; null when it gave one.</summary>
    public static string? Unavailable { get; private set; }

    /// <summary>Statements executed in the current database so far, or null when the server does not count them.</summary>
    public static async Task<long?> ReadAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken) =>
        await ReadAsync(dataSource, "sum(calls)", cancellationToken);

    /// <summary>
    /// Bytes of write-ahead log the current database's statements wrote so far (full-page images included), or null when
    /// the server does not count them: the work of writing a call's rows and index entries, the same on a fast machine and
    /// a slow one.
    /// </summary>
    public static async Task<long?> ReadWalBytesAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken) =>
        await ReadAsync(dataSource, "sum(wal_bytes)", cancellationToken);

    private static async Task<long?> ReadAsync(NpgsqlDataSource dataSource, string total, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var loaded = await connection.ExecuteScalarAsync<string>(new CommandDefinition("select current_setting('shared_preload_libraries')",
            cancellationToken: cancellationToken));
        if (loaded is null || !loaded.Contains("pg_stat_statements", StringComparison.Ordinal))
        {
            Unavailable = "the server was started without pg_stat_statements (another process's embedded server, or AUTODIALER_DB)";
            return null;
        }

        await connection.ExecuteAsync(new CommandDefinition("create extension if not exists pg_stat_statements", cancellationToken: cancellationToken));
        Unavailable = null;
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition($"""
            select coalesce({total}, 0)::bigint from pg_stat_statements where dbid = (select oid from pg_database where datname = current_database())
            """, cancellationToken: cancellationToken));
    }
}
