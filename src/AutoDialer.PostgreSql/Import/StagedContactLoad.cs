using AutoDialer.Core.Import;
using AutoDialer.Core.StoredWords;
using Dapper;
using Npgsql;
using NpgsqlTypes;

namespace AutoDialer.PostgreSql.Import;

/// <summary>
/// Loads a list through a staging table: every row is copied in with binary COPY, then one set-based statement
/// deduplicates, applies the do-not-call list and inserts contacts and rejects. Memory stays flat whatever the file
/// or campaign size; slower than <see cref="DirectContactLoad"/>, so it is the fallback for lists whose numbers
/// outgrow the in-memory set. A contact's other numbers are not kept as numbers to dial on this path (their cells stay
/// with its attributes, as read): it is for lists of millions, where they would need a second set-based pass.
/// </summary>
internal sealed class StagedContactLoad(NpgsqlConnection connection, NpgsqlTransaction transaction, long campaignId, long listId)
{
    public required int ProgressEvery { get; init; }

    public async Task<ListLoadCounts> LoadAsync(ContactFile file, IProgress<ImportProgress>? progress, CancellationToken cancellationToken)
    {
        // A staging table of our own per list (unlogged: it lives only inside this transaction, which also drops it on
        // rollback), so concurrent imports into different campaigns never wait on each other's table name.
        var staging = $"import_staging_{listId}";
        await connection.ExecuteAsync(new CommandDefinition(CreateStagingSql.Replace("import_staging", staging), transaction: transaction, cancellationToken: cancellationToken));
        var rows = await CopyRowsAsync(staging, file, progress, cancellationToken);
        // Sorting and hashing a list's phones in memory rather than in temporary files.
        await connection.ExecuteAsync(new CommandDefinition("set local work_mem = '256MB'", transaction: transaction, cancellationToken: cancellationToken));
        var counts = await connection.QuerySingleAsync<ListLoadCounts>(new CommandDefinition(FinishSql.Replace("import_staging", staging),
            new { campaignId, listId, rows }, transaction, commandTimeout: 0, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition($"drop table {staging}", transaction: transaction, cancellationToken: cancellationToken));
        return counts;
    }

    private async Task<int> CopyRowsAsync(string staging, ContactFile file, IProgress<ImportProgress>? progress, CancellationToken cancellationToken)
    {
        var rows = 0;
        await using var copy = await connection.BeginBinaryImportAsync(CopyStagingSql.Replace("import_staging", staging), cancellationToken);
        foreach (var row in file.ReadRows())
        {
            cancellationToken.ThrowIfCancellationRequested();
            copy.StartRow();
            copy.Write(row.Line, NpgsqlDbType.Integer);
            copy.WriteTextOrNull(row.Phone);
            copy.WriteTextOrNull(row.Reason);
            copy.WriteTextOrNull(row.Name);
            copy.WriteTextOrNull(row.Timezone);
            copy.WriteTextOrNull(row.PrivacyNumber);
            copy.Write(row.AttributesJson, NpgsqlDbType.Jsonb);
            copy.Write(row.Fields, NpgsqlDbType.Array | NpgsqlDbType.Text);
            copy.WriteTextOrNull(row.Facts?.Kind.ToName());
            copy.WriteTextOrNull(row.Facts?.Province);
            copy.WriteTextOrNull(row.Facts?.City);
            rows++;
            if (progress is not null && rows % ProgressEvery == 0)
                progress.Report(new ImportProgress(rows, file.BytesRead, file.Length));
        }
        await copy.CompleteAsync(cancellationToken);
        progress?.Report(new ImportProgress(rows, file.Length, file.Length));
        return rows;
    }

    private const string CreateStagingSql = """
        create unlogged table import_staging (
            line_no        integer not null,
            phone          text collate "C",
            reason         text,
            name           text,
            timezone       text,
            privacy_number text,
            attributes     jsonb   not null,
            fields         text[]  not null,
            number_type    text,
            province       text,
            city           text
        )
        """;

    private const string CopyStagingSql =
        "copy import_staging (line_no, phone, reason, name, timezone, privacy_number, attributes, fields, number_type, province, city) from stdin (format binary)";

    // One pass over the staged rows, sorted once by phone: a row becomes a contact when it has no reject reason, is the
    // first occurrence of its number in the file (first wins) and the campaign has no contact with that number yet
    // (earlier lists win). A number on the do-not-call list is kept, suppressed, so it is counted and never dialled.
    // Every other row is a reject: its own reason, or a duplicate.
    private const string FinishSql = $"""
        with classified as materialized (
            select s.*,
                   s.reason is null
                   and row_number() over (partition by s.phone order by s.line_no) = 1
                   and not exists (select 1 from contacts c where c.campaign_id = @campaignId and c.phone = s.phone)
                   and not exists (select 1 from contact_alternates a where a.campaign_id = @campaignId and a.phone = s.phone) as keep
            from import_staging s),
        inserted as (
            insert into contacts (campaign_id, list_id, line_no, phone, name, timezone, privacy_number, attributes, state,
                                  number_type, province, city)
            select @campaignId, @listId, k.line_no, k.phone, k.name, k.timezone, k.privacy_number, k.attributes,
                   case when d.phone is null then '{ContactStates.Pending}' else '{ContactStates.Suppressed}' end,
                   k.number_type, k.province, k.city
            from classified k
            left join dnc d on d.phone = k.phone
            where k.keep
            returning state),
        rejected as (
            insert into import_rejects (list_id, line_no, reason, fields)
            select @listId, k.line_no, coalesce(k.reason, '{RejectReason.Duplicate}'), k.fields
            from classified k
            where not k.keep
            returning reason)
        select @rows as rows,
               (select count(*) from inserted where state = '{ContactStates.Pending}')::int as accepted,
               (select count(*) from rejected where reason <> '{RejectReason.Duplicate}')::int as rejected,
               (select count(*) from rejected where reason = '{RejectReason.Duplicate}')::int as duplicates,
               (select count(*) from inserted where state = '{ContactStates.Suppressed}')::int as suppressed
        """;
}
