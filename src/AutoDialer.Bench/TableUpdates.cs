using Dapper;
using Npgsql;

namespace AutoDialer.Bench;

/// <summary>
/// A table's row updates as PostgreSQL counts them (<c>pg_stat_user_tables</c>), and how many were HOT: written beside
/// the old row version on its page without a new entry in any index. An update that changes an indexed column (or a
/// column an index's predicate reads), or finds its page full, writes an entry in every index. The counts reach the
/// view when a backend flushes its statistics (at a transaction's end at most once a second): a window's figure may miss
/// its last second, so the share is the figure to read.
/// </summary>
internal readonly record struct TableUpdates(long Updates, long HotUpdates)
{
    public double HotShare => Updates == 0 ? 0 : (double)HotUpdates / Updates;

    public TableUpdates Since(TableUpdates start) => new(Updates - start.Updates, HotUpdates - start.HotUpdates);

    public static async Task<TableUpdates> ReadAsync(NpgsqlDataSource dataSource, string table, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var (updates, hot) = await connection.QuerySingleOrDefaultAsync<(long, long)>(new CommandDefinition(
            "select n_tup_upd, n_tup_hot_upd from pg_stat_user_tables where relname = @table", new { table }, cancellationToken: cancellationToken));
        return new TableUpdates(updates, hot);
    }
}
