using AutoDialer.Core.Contacts;
using Dapper;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using NpgsqlTypes;

namespace AutoDialer.PostgreSql.Import;

/// <summary>
/// Imports a contact list into a campaign: streams the file into a staging table with binary COPY and finishes
/// with set-based SQL (dedupe, do-not-call, insert, rejects), all in one transaction, so a list lands whole or
/// not at all. The same bytes imported again into the same campaign are recognised and change nothing.
/// </summary>
public sealed class ContactListImporter(NpgsqlDataSource dataSource, ILogger<ContactListImporter>? logger = null)
{
    private readonly ILogger logger = logger ?? NullLogger<ContactListImporter>.Instance;

    /// <summary>How often (in rows) progress is reported.</summary>
    public int ProgressEvery { get; init; } = 10_000;

    public async Task<ImportResult> ImportAsync(
        string path,
        string campaignName,
        IProgress<ImportProgress>? progress = null,
        CancellationToken cancellationToken = default,
        string? fileName = null)
    {
        fileName ??= Path.GetFileName(path);
        if (string.IsNullOrWhiteSpace(campaignName))
            throw new ArgumentException("a campaign name is required", nameof(campaignName));

        using var file = await ContactFile.OpenAsync(path, cancellationToken);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        var campaignId = await connection.ExecuteScalarAsync<long>(new CommandDefinition(EnsureCampaignSql,
            new { name = campaignName.Trim() }, transaction, cancellationToken: cancellationToken));
        // Imports into one campaign run one at a time: duplicates and the content hash are decided per campaign.
        await connection.ExecuteAsync(new CommandDefinition("select pg_advisory_xact_lock(@key)",
            new { key = ImportLockKey(campaignId) }, transaction, cancellationToken: cancellationToken));

        var previous = await connection.QuerySingleOrDefaultAsync<ListCounts>(new CommandDefinition(PreviousImportSql,
            new { campaignId, sha = file.Probe.Sha256 }, transaction, cancellationToken: cancellationToken));
        if (previous is not null)
        {
            await transaction.RollbackAsync(cancellationToken);
            logger.LogInformation("List {File} was already imported into campaign {Campaign} as list {ListId}; nothing changed",
                fileName, campaignName, previous.id);
            return previous.ToResult(campaignId, alreadyImported: true);
        }

        var listId = await connection.ExecuteScalarAsync<long>(new CommandDefinition(InsertListSql, new
        {
            campaignId,
            fileName,
            sha = file.Probe.Sha256,
            encoding = file.Probe.Encoding.Name,
            delimiter = file.Delimiter.ToString(),
            header = file.Header.Fields.ToArray(),
        }, transaction, cancellationToken: cancellationToken));

        await connection.ExecuteAsync(new CommandDefinition(CreateStagingSql, transaction: transaction, cancellationToken: cancellationToken));
        var rows = await CopyRowsAsync(connection, file, progress, cancellationToken);
        if (rows == 0)
            throw new ContactListFormatException("the file has a header but no data rows: nothing to import");

        await connection.ExecuteAsync(new CommandDefinition(FinishImportSql, new { campaignId, listId, rows },
            transaction, commandTimeout: 0, cancellationToken: cancellationToken));
        var counts = await connection.QuerySingleAsync<ListCounts>(new CommandDefinition(ListCountsSql, new { listId },
            transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);

        logger.LogInformation("Imported list {ListId} into campaign {Campaign}: {Rows} rows, {Accepted} accepted, {Rejected} rejected, {Duplicates} duplicates, {Suppressed} suppressed",
            listId, campaignName, counts.rows, counts.accepted, counts.rejected, counts.duplicates, counts.suppressed);
        return counts.ToResult(campaignId, alreadyImported: false);
    }

    private async Task<int> CopyRowsAsync(NpgsqlConnection connection, ContactFile file, IProgress<ImportProgress>? progress, CancellationToken cancellationToken)
    {
        var rows = 0;
        await using var copy = await connection.BeginBinaryImportAsync(CopyStagingSql, cancellationToken);
        foreach (var row in file.ReadRows())
        {
            await copy.StartRowAsync(cancellationToken);
            await copy.WriteAsync(row.Line, NpgsqlDbType.Integer, cancellationToken);
            await WriteNullableAsync(copy, row.Phone, NpgsqlDbType.Text, cancellationToken);
            await WriteNullableAsync(copy, row.Reason, NpgsqlDbType.Text, cancellationToken);
            await WriteNullableAsync(copy, row.Name, NpgsqlDbType.Text, cancellationToken);
            await WriteNullableAsync(copy, row.Timezone, NpgsqlDbType.Text, cancellationToken);
            await WriteNullableAsync(copy, row.PrivacyNumber, NpgsqlDbType.Text, cancellationToken);
            await copy.WriteAsync(row.AttributesJson, NpgsqlDbType.Jsonb, cancellationToken);
            await copy.WriteAsync(row.Fields, NpgsqlDbType.Array | NpgsqlDbType.Text, cancellationToken);
            rows++;
            if (progress is not null && rows % ProgressEvery == 0)
                progress.Report(new ImportProgress(rows, file.BytesRead, file.Length));
        }
        await copy.CompleteAsync(cancellationToken);
        progress?.Report(new ImportProgress(rows, file.Length, file.Length));
        return rows;
    }

    private static Task WriteNullableAsync(NpgsqlBinaryImporter copy, string? value, NpgsqlDbType type, CancellationToken cancellationToken) =>
        value is null ? copy.WriteNullAsync(cancellationToken) : copy.WriteAsync(value, type, cancellationToken);

    private static long ImportLockKey(long campaignId) => unchecked(0x41444950_00000000L ^ campaignId);

    private sealed record ListCounts(long id, int rows, int accepted, int rejected, int duplicates, int suppressed, string encoding, string delimiter)
    {
        public ImportResult ToResult(long campaignId, bool alreadyImported) =>
            new(campaignId, id, rows, accepted, rejected, duplicates, suppressed, encoding, delimiter[0], alreadyImported);
    }

    private const string EnsureCampaignSql = """
        with inserted as (
            insert into campaigns (name) values (@name)
            on conflict (name) do nothing
            returning id)
        select id from inserted
        union all
        select id from campaigns where name = @name
        limit 1
        """;

    private const string PreviousImportSql = """
        select id, rows, accepted, rejected, duplicates, suppressed, encoding, delimiter
        from contact_lists where campaign_id = @campaignId and content_sha256 = @sha
        """;

    private const string InsertListSql = """
        insert into contact_lists (campaign_id, file_name, content_sha256, encoding, delimiter, header)
        values (@campaignId, @fileName, @sha, @encoding, @delimiter, @header)
        returning id
        """;

    private const string CreateStagingSql = """
        create temp table import_staging (
            line_no        integer not null,
            phone          text,
            reason         text,
            name           text,
            timezone       text,
            privacy_number text,
            attributes     jsonb   not null,
            fields         text[]  not null
        ) on commit drop
        """;

    private const string CopyStagingSql =
        "copy import_staging (line_no, phone, reason, name, timezone, privacy_number, attributes, fields) from stdin (format binary)";

    // First wins: within the file by line number, across lists because earlier lists' contacts already exist.
    // A number on the do-not-call list is kept, suppressed, so it is counted and never dialled.
    private const string FinishImportSql = """
        analyze import_staging;

        insert into contacts (campaign_id, list_id, line_no, phone, name, timezone, privacy_number, attributes, state)
        select @campaignId, @listId, s.line_no, s.phone, s.name, s.timezone, s.privacy_number, s.attributes,
               case when d.phone is null then 'pending' else 'suppressed' end
        from (select distinct on (phone) * from import_staging where reason is null order by phone, line_no) s
        left join dnc d on d.phone = s.phone
        where not exists (select 1 from contacts c where c.campaign_id = @campaignId and c.phone = s.phone);

        insert into import_rejects (list_id, line_no, reason, fields)
        select @listId, s.line_no, coalesce(s.reason, 'duplicate'), s.fields
        from import_staging s
        where s.reason is not null
           or not exists (select 1 from contacts c where c.list_id = @listId and c.line_no = s.line_no);

        update contact_lists l
        set rows = @rows,
            accepted = c.accepted,
            suppressed = c.suppressed,
            rejected = r.rejected,
            duplicates = r.duplicates
        from (select count(*) filter (where state = 'pending')::int as accepted,
                     count(*) filter (where state = 'suppressed')::int as suppressed
              from contacts where list_id = @listId) c,
             (select count(*) filter (where reason <> 'duplicate')::int as rejected,
                     count(*) filter (where reason = 'duplicate')::int as duplicates
              from import_rejects where list_id = @listId) r
        where l.id = @listId;
        """;

    private const string ListCountsSql = """
        select id, rows, accepted, rejected, duplicates, suppressed, encoding, delimiter from contact_lists where id = @listId
        """;
}
