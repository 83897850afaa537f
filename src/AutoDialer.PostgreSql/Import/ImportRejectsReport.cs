using AutoDialer.PostgreSql.Reports;
using Dapper;
using Npgsql;

namespace AutoDialer.PostgreSql.Import;

/// <summary>
/// The rejects report of one imported list: every rejected or duplicate row with its 1-based line number,
/// the reason, and the original fields under the list's own header.
/// </summary>
internal sealed class ImportRejectsReport(NpgsqlDataSource dataSource)
{
    public async Task<int> WriteAsync(long listId, Stream output, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var header = await connection.QuerySingleOrDefaultAsync<string[]>(new CommandDefinition(
            "select header from contact_lists where id = @listId", new { listId }, cancellationToken: cancellationToken))
            ?? throw new KeyNotFoundException($"contact list {listId} does not exist");

        await using var csv = await SpreadsheetSafeCsv.CreateAsync(output, cancellationToken);
        csv.WriteField("line");
        csv.WriteField("reason");
        foreach (var column in header)
            csv.WriteField(column);
        await csv.EndRecordAsync(cancellationToken);

        var written = 0;
        var rows = connection.QueryUnbufferedAsync<RejectRow>(
            "select line_no, reason, fields from import_rejects where list_id = @listId order by line_no", new { listId });
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            csv.WriteField(row.line_no.ToString(System.Globalization.CultureInfo.InvariantCulture));
            csv.WriteField(row.reason);
            // Ragged rows keep every field they had; short rows are padded so the report stays rectangular.
            for (var i = 0; i < Math.Max(header.Length, row.fields.Length); i++)
                csv.WriteField(i < row.fields.Length ? row.fields[i] : "");
            await csv.EndRecordAsync(cancellationToken);
            written++;
        }
        await csv.FlushAsync(cancellationToken);
        return written;
    }

    private sealed class RejectRow
    {
        public int line_no { get; init; }
        public string reason { get; init; } = "";
        public string[] fields { get; init; } = [];
    }
}
