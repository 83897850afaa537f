using AutoDialer.Core.Import;
using AutoDialer.Core.StoredWords;
using Npgsql;
using NpgsqlTypes;

namespace AutoDialer.PostgreSql.Import;

/// <summary>
/// Loads a list with one binary COPY straight into <c>contacts</c>, deduplicating in memory as rows stream past:
/// the do-not-call list and the campaign's numbers are read first (earlier lists win), then each row's number is
/// checked against them and against the rows before it (first wins). Rejects wait in a <see cref="RejectSpill"/>; a
/// contact's other numbers, each deduplicated and checked against the do-not-call list the same way, in an
/// <see cref="AlternateSpill"/>.
/// Gives up (returns null) when the numbers outgrow the <see cref="PhoneKeySet"/>, having written nothing that the
/// caller's savepoint cannot undo.
/// </summary>
/// <remarks>
/// The do-not-call list is read once, before the rows: a number added to it while the list is loading is not seen here,
/// and <c>DoNotCallList</c> cannot see these contacts until the import commits. The set-based load has the same gap
/// (its join reads the list when its statement starts); closing it would mean blocking do-not-call writes, which
/// settlement also makes, for the length of an import.
/// </remarks>
internal sealed class DirectContactLoad(NpgsqlConnection connection, NpgsqlTransaction transaction, long campaignId, long listId)
{
    public required int MaxKeySlots { get; init; }
    public required int ProgressEvery { get; init; }

    public async Task<ListLoadCounts?> TryLoadAsync(ContactFile file, IProgress<ImportProgress>? progress, CancellationToken cancellationToken)
    {
        var seen = new PhoneKeySet(MaxKeySlots);
        await using var doNotCall = new NpgsqlCommand(DoNotCallSql, connection, transaction);
        await using var campaignNumbers = new NpgsqlCommand(CampaignNumbersSql, connection, transaction) { Parameters = { new("campaignId", campaignId) } };
        if (!await TryAddNumbersAsync(seen, doNotCall, PhoneKey.OnDoNotCallList, cancellationToken)
            || !await TryAddNumbersAsync(seen, campaignNumbers, key => key, cancellationToken))
            return null;

        await using var rejects = new RejectSpill();
        await using var alternates = new AlternateSpill();
        int rows = 0, rejected = 0, duplicates = 0, accepted = 0, suppressed = 0;
        // Disposing the importer without completing it cancels the COPY: that is how giving up midway undoes it.
        await using (var copy = await connection.BeginBinaryImportAsync(CopyContactsSql, cancellationToken))
        {
            // Synchronous writes: they only block when Npgsql's buffer fills, and per-field awaits cost more than the parse.
            foreach (var row in file.ReadRows())
            {
                cancellationToken.ThrowIfCancellationRequested();
                rows++;
                if (row.Reason is { } reason)
                {
                    rejects.Add(row.Line, reason, row.Fields);
                    rejected++;
                }
                else if (!PhoneKey.TryCreate(row.Phone, out var key) || !seen.TryAdd(key, out var added))
                {
                    return null;
                }
                else if (!added)
                {
                    rejects.Add(row.Line, RejectReason.Duplicate, row.Fields);
                    duplicates++;
                }
                else if (!TryKeepAlternates(seen, row, alternates, out var callableAlternates))
                {
                    return null;
                }
                else if (seen.Contains(PhoneKey.OnDoNotCallList(key)) && callableAlternates == 0)
                {
                    // Kept, suppressed: counted and never dialled.
                    WriteContact(copy, row, ContactState.Suppressed);
                    suppressed++;
                }
                else
                {
                    // A listed phone with another number to try is pending: the dial gate refuses its phone and moves
                    // it on to that number (the listed one stays the contact's record of what the list said).
                    WriteContact(copy, row, ContactState.Pending);
                    accepted++;
                }
                if (progress is not null && rows % ProgressEvery == 0)
                    progress.Report(new ImportProgress(rows, file.BytesRead, file.Length));
            }
            await copy.CompleteAsync(cancellationToken);
        }
        progress?.Report(new ImportProgress(rows, file.Length, file.Length));

        await rejects.CopyToAsync(connection, listId, cancellationToken);
        await alternates.CopyToAsync(connection, transaction, campaignId, cancellationToken);
        return new ListLoadCounts(rows, accepted, rejected, duplicates, suppressed);
    }

    /// <summary>
    /// Keeps the row's other numbers that are new to the campaign (and to the rows before it) and not on the do-not-call
    /// list, in their order: <paramref name="kept"/> how many. False when the numbers outgrow the set.
    /// </summary>
    private static bool TryKeepAlternates(PhoneKeySet seen, ContactRow row, AlternateSpill spill, out int kept)
    {
        kept = 0;
        foreach (var alternate in row.Alternates)
        {
            if (!PhoneKey.TryCreate(alternate.Phone, out var key) || !seen.TryAdd(key, out var added))
                return false;
            if (added && !seen.Contains(PhoneKey.OnDoNotCallList(key)))
                spill.Add(row.Phone!, ++kept, alternate);
        }
        return true;
    }

    private static async Task<bool> TryAddNumbersAsync(PhoneKeySet seen, NpgsqlCommand command, Func<long, long> toKey, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            if (!PhoneKey.TryCreate(reader.GetString(0), out var key) || !seen.TryAdd(toKey(key), out _))
                return false;
        return true;
    }

    private void WriteContact(NpgsqlBinaryImporter copy, ContactRow row, ContactState state)
    {
        copy.StartRow();
        copy.Write(campaignId, NpgsqlDbType.Bigint);
        copy.Write(listId, NpgsqlDbType.Bigint);
        copy.Write(row.Line, NpgsqlDbType.Integer);
        copy.Write(row.Phone!, NpgsqlDbType.Text);
        copy.WriteTextOrNull(row.Name);
        copy.WriteTextOrNull(row.Timezone);
        copy.WriteTextOrNull(row.PrivacyNumber);
        copy.Write(row.AttributesJson, NpgsqlDbType.Jsonb);
        copy.Write(state.ToName(), NpgsqlDbType.Text);
        copy.WriteTextOrNull(row.Facts?.Kind.ToName());
        copy.WriteTextOrNull(row.Facts?.Province);
        copy.WriteTextOrNull(row.Facts?.City);
    }

    private const string CampaignNumbersSql = """
        select phone from contacts where campaign_id = @campaignId
        union all
        select phone from contact_alternates where campaign_id = @campaignId
        """;

    private const string CopyContactsSql =
        "copy contacts (campaign_id, list_id, line_no, phone, name, timezone, privacy_number, attributes, state, number_type, province, city) from stdin (format binary)";

    private const string DoNotCallSql = "select phone from dnc";
}
