using Dapper;
using Npgsql;

namespace AutoDialer.PostgreSql.Import;

/// <summary>Reads the validation report of an imported list (see <see cref="ImportSummary"/>).</summary>
internal sealed class ImportSummaryReader(NpgsqlDataSource dataSource)
{
    public async Task<ImportSummary?> ReadAsync(long listId, int firstRejects = 20, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var list = await connection.QuerySingleOrDefaultAsync<ListRow>(new CommandDefinition("""
            select file_name, encoding, delimiter, header, rows, accepted, rejected, duplicates, suppressed
            from contact_lists where id = @listId
            """, new { listId }, cancellationToken: cancellationToken));
        if (list is null) return null;

        var byReason = await connection.QueryAsync<(string Reason, int Count)>(new CommandDefinition(
            "select reason, count(*)::int from import_rejects where list_id = @listId group by reason order by 2 desc, 1",
            new { listId }, cancellationToken: cancellationToken));
        var first = await connection.QueryAsync<RejectRow>(new CommandDefinition(
            "select line_no, reason, fields from import_rejects where list_id = @listId order by line_no limit @firstRejects",
            new { listId, firstRejects }, cancellationToken: cancellationToken));

        return new ImportSummary(listId, list.file_name, list.encoding, list.delimiter, list.header,
            list.rows, list.accepted, list.rejected, list.duplicates, list.suppressed,
            byReason.ToDictionary(r => r.Reason, r => r.Count),
            first.Select(r => new RejectedLine(r.line_no, r.reason, r.fields)).ToList());
    }

    private sealed class ListRow
    {
        public string file_name { get; init; } = "";
        public string encoding { get; init; } = "";
        public string delimiter { get; init; } = "";
        public string[] header { get; init; } = [];
        public int rows { get; init; }
        public int accepted { get; init; }
        public int rejected { get; init; }
        public int duplicates { get; init; }
        public int suppressed { get; init; }
    }

    private sealed class RejectRow
    {
        public int line_no { get; init; }
        public string reason { get; init; } = "";
        public string[] fields { get; init; } = [];
    }
}
