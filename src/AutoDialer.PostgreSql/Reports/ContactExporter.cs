using System.Globalization;
using System.Text.Json;
using Dapper;
using Npgsql;

namespace AutoDialer.PostgreSql.Reports;

/// <summary>
/// Results export: one row per contact of a campaign with its attempts summary (its last outcome and the last
/// disposition an agent recorded for it beside it) and its custom attributes as
/// columns (the union of the attribute keys of the campaign's lists), streamed, spreadsheet-safe.
/// </summary>
internal sealed class ContactExporter(NpgsqlDataSource dataSource)
{
    public async Task<int> WriteAsync(string campaignName, Stream output, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var campaignId = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            "select id from campaigns where name = @campaignName", new { campaignName }, cancellationToken: cancellationToken))
            ?? throw new KeyNotFoundException($"campaign '{campaignName}' does not exist");

        var attributeKeys = (await connection.QueryAsync<string>(new CommandDefinition("""
            select distinct k from contacts, jsonb_object_keys(attributes) k where campaign_id = @campaignId order by k
            """, new { campaignId }, cancellationToken: cancellationToken))).ToArray();

        await using var csv = await SpreadsheetSafeCsv.CreateAsync(output, cancellationToken);
        string[] fixedColumns = ["phone", "name", "state", "attempts", "last_outcome", "last_disposition", "last_attempt_at", "list_id", "line"];
        foreach (var column in fixedColumns) csv.WriteField(column);
        foreach (var key in attributeKeys) csv.WriteField(key);
        await csv.EndRecordAsync(cancellationToken);

        var written = 0;
        var rows = connection.QueryUnbufferedAsync<ExportRow>("""
            select phone, name, state, attempts, last_outcome, last_disposition, last_attempt_at, list_id, line_no, attributes::text as attributes
            from contacts where campaign_id = @campaignId order by list_id, line_no
            """, new { campaignId });
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            E164Field.Write(csv, row.phone);
            csv.WriteField(row.name);
            csv.WriteField(row.state);
            csv.WriteField(row.attempts.ToString(CultureInfo.InvariantCulture));
            csv.WriteField(row.last_outcome);
            csv.WriteField(row.last_disposition);
            csv.WriteField(row.last_attempt_at?.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
            csv.WriteField(row.list_id.ToString(CultureInfo.InvariantCulture));
            csv.WriteField(row.line_no.ToString(CultureInfo.InvariantCulture));
            using var attributes = JsonDocument.Parse(row.attributes);
            foreach (var key in attributeKeys)
                csv.WriteField(attributes.RootElement.TryGetProperty(key, out var value) ? value.ToString() : "");
            await csv.EndRecordAsync(cancellationToken);
            written++;
        }
        await csv.FlushAsync(cancellationToken);
        return written;
    }

    private sealed record ExportRow(string phone, string? name, string state, int attempts, string? last_outcome, string? last_disposition,
        DateTime? last_attempt_at, long list_id, int line_no, string attributes);
}
