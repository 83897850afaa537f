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
        // Sorting and hashing a list's phones in memory rather than in temporary files.
        await connection.ExecuteAsync(new CommandDefinition("set local work_mem = '256MB'", transaction: transaction, cancellationToken: cancellationToken));

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

        // A staging table of our own per list (unlogged: it lives only inside this transaction, which also drops it on
        // rollback), so concurrent imports into different campaigns never wait on each other's table name.
        var staging = $"import_staging_{listId}";
        await connection.ExecuteAsync(new CommandDefinition(CreateStagingSql.Replace("import_staging", staging), transaction: transaction, cancellationToken: cancellationToken));
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var rows = await CopyRowsAsync(connection, staging, file, progress, cancellationToken);
        logger.LogDebug("Staged {Rows} rows in {Seconds:N2} s", rows, clock.Elapsed.TotalSeconds);
        if (rows == 0)
            throw new ContactListFormatException("the file has a header but no data rows: nothing to import");

        await connection.ExecuteAsync(new CommandDefinition(FinishImportSql.Replace("import_staging", staging), new { campaignId, listId, rows },
            transaction, commandTimeout: 0, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition($"drop table {staging}", transaction: transaction, cancellationToken: cancellationToken));
        logger.LogDebug("Finished list {ListId} in {Seconds:N2} s after staging", listId, clock.Elapsed.TotalSeconds);
        var counts = await connection.QuerySingleAsync<ListCounts>(new CommandDefinition(ListCountsSql, new { listId },
            transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);

        logger.LogInformation("Imported list {ListId} into campaign {Campaign}: {Rows} rows, {Accepted} accepted, {Rejected} rejected, {Duplicates} duplicates, {Suppressed} suppressed",
            listId, campaignName, counts.rows, counts.accepted, counts.rejected, counts.duplicates, counts.suppressed);
        return counts.ToResult(campaignId, alreadyImported: false);
    }

    private async Task<int> CopyRowsAsync(NpgsqlConnection connection, string staging, ContactFile file, IProgress<ImportProgress>? progress, CancellationToken cancellationToken)
    {
        var rows = 0;
        await using var copy = await connection.BeginBinaryImportAsync(CopyStagingSql.Replace("import_staging", staging), cancellationToken);
        // Synchronous writes: they only block when Npgsql's buffer fills, and per-field awaits cost more than the parse.
        foreach (var row in file.ReadRows())
        {
            cancellationToken.ThrowIfCancellationRequested();
            copy.StartRow();
            copy.Write(row.Line, NpgsqlDbType.Integer);
            WriteNullable(copy, row.Phone);
            WriteNullable(copy, row.Reason);
            WriteNullable(copy, row.Name);
            WriteNullable(copy, row.Timezone);
            WriteNullable(copy, row.PrivacyNumber);
            copy.Write(row.AttributesJson, NpgsqlDbType.Jsonb);
            copy.Write(row.Fields, NpgsqlDbType.Array | NpgsqlDbType.Text);
            rows++;
            if (progress is not null && rows % ProgressEvery == 0)
                progress.Report(new ImportProgress(rows, file.BytesRead, file.Length));
        }
        await copy.CompleteAsync(cancellationToken);
        progress?.Report(new ImportProgress(rows, file.Length, file.Length));
        return rows;
    }

    private static void WriteNullable(NpgsqlBinaryImporter copy, string? value)
    {
        if (value is null) copy.WriteNull();
        else copy.Write(value, NpgsqlDbType.Text);
    }

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
        create unlogged table import_staging (
            line_no        integer not null,
            phone          text collate "C",
            reason         text,
            name           text,
            timezone       text,
            privacy_number text,
            attributes     jsonb   not null,
            fields         text[]  not null
        )
        """;

    private const string CopyStagingSql =
        "copy import_staging (line_no, phone, reason, name, timezone, privacy_number, attributes, fields) from stdin (format binary)";

    // One pass over the staged rows, sorted once by phone: a row becomes a contact when it has no reject reason, is the
    // first occurrence of its number in the file (first wins) and the campaign has no contact with that number yet
    // (earlier lists win). A number on the do-not-call list is kept, suppressed, so it is counted and never dialled.
    // Every other row is a reject: its own reason, or a duplicate.
    private const string FinishImportSql = """
        with classified as materialized (
            select s.*,
                   s.reason is null
                   and row_number() over (partition by s.phone order by s.line_no) = 1
                   and not exists (select 1 from contacts c where c.campaign_id = @campaignId and c.phone = s.phone) as keep
            from import_staging s),
        inserted as (
            insert into contacts (campaign_id, list_id, line_no, phone, name, timezone, privacy_number, attributes, state)
            select @campaignId, @listId, k.line_no, k.phone, k.name, k.timezone, k.privacy_number, k.attributes,
                   case when d.phone is null then 'pending' else 'suppressed' end
            from classified k
            left join dnc d on d.phone = k.phone
            where k.keep
            returning state),
        rejected as (
            insert into import_rejects (list_id, line_no, reason, fields)
            select @listId, k.line_no, coalesce(k.reason, 'duplicate'), k.fields
            from classified k
            where not k.keep
            returning reason)
        update contact_lists l
        set rows = @rows,
            accepted = (select count(*) from inserted where state = 'pending'),
            suppressed = (select count(*) from inserted where state = 'suppressed'),
            rejected = (select count(*) from rejected where reason <> 'duplicate'),
            duplicates = (select count(*) from rejected where reason = 'duplicate')
        where l.id = @listId
        """;

    private const string ListCountsSql = """
        select id, rows, accepted, rejected, duplicates, suppressed, encoding, delimiter from contact_lists where id = @listId
        """;
}
