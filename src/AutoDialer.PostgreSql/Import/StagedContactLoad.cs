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
/// outgrow the in-memory set. A contact's other numbers are staged with its row (arrays, null when it has none) and kept
/// as <see cref="DirectContactLoad"/> keeps them: each deduplicated against the campaign and the list (first wins, in
/// line and column order) and checked against the do-not-call list on its own; a list without other numbers takes the
/// statement it always took.
/// </summary>
/// <remarks>
/// One difference from the row-by-row load, in a corner no real list is in: the other numbers of a row rejected as a
/// duplicate of an earlier row's other number or of a number already in the campaign still count as seen here, so a
/// later row with one of them as its phone is a duplicate too. Nothing is lost: every rejected row keeps its cells in
/// the rejects report.
/// </remarks>
internal sealed class StagedContactLoad(NpgsqlConnection connection, NpgsqlTransaction transaction, long campaignId, long listId)
{
    public required int ProgressEvery { get; init; }

    public async Task<ListLoadCounts> LoadAsync(ContactFile file, IProgress<ImportProgress>? progress, CancellationToken cancellationToken)
    {
        // A staging table of our own per list (unlogged: it lives only inside this transaction, which also drops it on
        // rollback), so concurrent imports into different campaigns never wait on each other's table name.
        var staging = $"import_staging_{listId}";
        await connection.ExecuteAsync(new CommandDefinition(CreateStagingSql.Replace("import_staging", staging), transaction: transaction, cancellationToken: cancellationToken));
        var (rows, withAlternates) = await CopyRowsAsync(staging, file, progress, cancellationToken);
        // Sorting and hashing a list's phones in memory rather than in temporary files.
        await connection.ExecuteAsync(new CommandDefinition("set local work_mem = '256MB'", transaction: transaction, cancellationToken: cancellationToken));
        var finish = withAlternates > 0 ? FinishWithAlternatesSql : FinishSql;
        var counts = await connection.QuerySingleAsync<ListLoadCounts>(new CommandDefinition(finish.Replace("import_staging", staging),
            new { campaignId, listId, rows }, transaction, commandTimeout: 0, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition($"drop table {staging}", transaction: transaction, cancellationToken: cancellationToken));
        return counts;
    }

    /// <summary>Copies every row in; returns how many, and how many of them have other numbers.</summary>
    private async Task<(int Rows, int WithAlternates)> CopyRowsAsync(string staging, ContactFile file, IProgress<ImportProgress>? progress,
        CancellationToken cancellationToken)
    {
        int rows = 0, withAlternates = 0;
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
            if (WriteAlternates(copy, row.Alternates))
                withAlternates++;
            rows++;
            if (progress is not null && rows % ProgressEvery == 0)
                progress.Report(new ImportProgress(rows, file.BytesRead, file.Length));
        }
        await copy.CompleteAsync(cancellationToken);
        progress?.Report(new ImportProgress(rows, file.Length, file.Length));
        return (rows, withAlternates);
    }

    /// <summary>A row's other numbers as four arrays of one length (nulls when it has none); true when it has some.</summary>
    private static bool WriteAlternates(NpgsqlBinaryImporter copy, IReadOnlyList<NormalizedPhone> alternates)
    {
        if (alternates.Count == 0)
        {
            for (var i = 0; i < AlternateColumns; i++)
                copy.WriteNull();
            return false;
        }

        copy.Write(alternates.Select(a => a.Phone).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text);
        copy.Write(alternates.Select(a => a.Facts?.Kind.ToName()).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text);
        copy.Write(alternates.Select(a => a.Facts?.Province).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text);
        copy.Write(alternates.Select(a => a.Facts?.City).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text);
        return true;
    }

    private const int AlternateColumns = 4;

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
            city           text,
            alt_phones     text[],
            alt_types      text[],
            alt_provinces  text[],
            alt_cities     text[]
        )
        """;

    private const string CopyStagingSql =
        "copy import_staging (line_no, phone, reason, name, timezone, privacy_number, attributes, fields, number_type, province, city, " +
        "alt_phones, alt_types, alt_provinces, alt_cities) from stdin (format binary)";

    // The end of both finishes: the rows not kept go to the rejects, and the counts come back (from "inserted").
    private const string RejectsAndCountsSql = $"""
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
        {RejectsAndCountsSql}
        """;

    // As FinishSql, with the rows' other numbers. Every number of a row without a reject reason, its phone at position 0
    // and its other numbers after it, is seen first at the smallest (line, position): a row is kept when its phone is
    // first seen there and is new to the campaign; an other number of a kept row is kept when it is first seen there, is
    // new to the campaign and is not on the do-not-call list, numbered again from 1 among those kept (as the row-by-row
    // load numbers them). A kept row whose phone is listed is pending when it has another number to try, else suppressed.
    // The other numbers of a row whose phone repeats an earlier row's are not seen (that row is a duplicate, as there).
    private const string FinishWithAlternatesSql = $"""
        with primaries as materialized (
            select s.line_no, s.phone, s.alt_phones, row_number() over (partition by s.phone order by s.line_no) as nth
            from import_staging s where s.reason is null),
        numbers as materialized (
            select p.line_no, 0::bigint as position, p.phone from primaries p
            union all
            select p.line_no, a.position, a.phone
            from primaries p cross join lateral unnest(p.alt_phones) with ordinality as a(phone, position)
            where p.nth = 1),
        firsts as materialized (
            select distinct on (n.phone) n.phone, n.line_no, n.position from numbers n order by n.phone, n.line_no, n.position),
        classified as materialized (
            select s.*,
                   s.reason is null
                   and exists (select 1 from firsts f where f.phone = s.phone and f.line_no = s.line_no and f.position = 0)
                   and not exists (select 1 from contacts c where c.campaign_id = @campaignId and c.phone = s.phone)
                   and not exists (select 1 from contact_alternates a where a.campaign_id = @campaignId and a.phone = s.phone) as keep
            from import_staging s),
        alternates as materialized (
            select k.line_no, k.phone as contact_phone, a.phone, a.number_type, a.province, a.city,
                   row_number() over (partition by k.line_no order by a.position) as position
            from classified k
            cross join lateral unnest(k.alt_phones, k.alt_types, k.alt_provinces, k.alt_cities)
                with ordinality as a(phone, number_type, province, city, position)
            where k.keep
              and exists (select 1 from firsts f where f.phone = a.phone and f.line_no = k.line_no and f.position = a.position)
              and not exists (select 1 from contacts c where c.campaign_id = @campaignId and c.phone = a.phone)
              and not exists (select 1 from contact_alternates x where x.campaign_id = @campaignId and x.phone = a.phone)
              and not exists (select 1 from dnc d where d.phone = a.phone)),
        inserted as (
            insert into contacts (campaign_id, list_id, line_no, phone, name, timezone, privacy_number, attributes, state,
                                  number_type, province, city)
            select @campaignId, @listId, k.line_no, k.phone, k.name, k.timezone, k.privacy_number, k.attributes,
                   case when d.phone is null or exists (select 1 from alternates a where a.line_no = k.line_no)
                        then '{ContactStates.Pending}' else '{ContactStates.Suppressed}' end,
                   k.number_type, k.province, k.city
            from classified k
            left join dnc d on d.phone = k.phone
            where k.keep
            returning id, phone, state),
        kept_alternates as (
            insert into contact_alternates (contact_id, position, campaign_id, phone, number_type, province, city)
            select i.id, a.position, @campaignId, a.phone, a.number_type, a.province, a.city
            from alternates a join inserted i on i.phone = a.contact_phone),
        {RejectsAndCountsSql}
        """;
}
