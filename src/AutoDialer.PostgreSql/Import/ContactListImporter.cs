using System.Diagnostics.CodeAnalysis;
using AutoDialer.Core.Import;
using Dapper;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace AutoDialer.PostgreSql.Import;

/// <summary>
/// Imports a contact list into a campaign, all in one transaction, so a list lands whole or not at all. The rows go
/// straight into contacts with binary COPY, deduplicated in memory (<see cref="DirectContactLoad"/>); a list whose
/// numbers outgrow <see cref="MaxKeySlots"/> is loaded through a staging table and set-based SQL instead
/// (<see cref="StagedContactLoad"/>), so memory has a ceiling whatever the file size. The same bytes imported again
/// into the same campaign are recognised and change nothing.
/// </summary>
internal sealed class ContactListImporter(NpgsqlDataSource dataSource, ILogger<ContactListImporter>? logger = null)
{
    private readonly ILogger _logger = logger ?? NullLogger<ContactListImporter>.Instance;

    /// <summary>How often (in rows) progress is reported.</summary>
    public int ProgressEvery { get; init; } = 10_000;

    /// <summary>
    /// The most slots (8 bytes each) of the in-memory set of numbers used to deduplicate: 2^23 slots are 64 MB and hold
    /// ~6.3 million numbers (the do-not-call list's, the campaign's and the file's together). Beyond that a list is
    /// deduplicated in SQL.
    /// </summary>
    public int MaxKeySlots { get; init; } = 1 << 23;

    /// <summary>How list files are opened (where a workbook's shared strings are cached); default: the system's temporary folder.</summary>
    public ListFileOptions FileOptions { get; init; } = new();

    [SuppressMessage("Design", "CA1068", Justification = "fileName came later as an optional extra; moving it before the token would change every caller's positional call.")]
    public Task<ImportResult> ImportAsync(
        string path,
        string campaignName,
        IProgress<ImportProgress>? progress = null,
        CancellationToken cancellationToken = default,
        string? fileName = null) =>
        ImportAsync(path, campaignName, mapping: null, progress, fileName, cancellationToken);

    /// <param name="mapping">The columns' roles as a person chose them in the upload's mapping step; null: found from the header's names.</param>
    public async Task<ImportResult> ImportAsync(
        string path,
        string campaignName,
        ColumnMapping? mapping,
        IProgress<ImportProgress>? progress,
        string? fileName,
        CancellationToken cancellationToken)
    {
        fileName ??= Path.GetFileName(path);
        if (string.IsNullOrWhiteSpace(campaignName))
            throw new ArgumentException("a campaign name is required", nameof(campaignName));

        var metadataLoaded = PhoneNumberMetadata.LoadAsync();
        var file = await ContactFile.OpenAsync(path, mapping, FileOptions, cancellationToken);
        try
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            // Waiting for the numbers' metadata, or reading a list again that outgrew the in-memory set, leaves this
            // transaction idle longer than the pool's limit allows (AutoDialerDataSource.IdleTransactionLimit).
            await connection.ExecuteAsync(new CommandDefinition(IdleLimitSql, transaction: transaction, cancellationToken: cancellationToken));

            var campaignId = await connection.ExecuteScalarAsync<long>(new CommandDefinition(EnsureCampaignSql,
                new { name = campaignName.Trim() }, transaction, cancellationToken: cancellationToken));
            // Imports into one campaign run one at a time: duplicates and the content hash are decided per campaign.
            await connection.ExecuteAsync(new CommandDefinition(AdvisoryLocks.ContactImportSql,
                new { campaignId }, transaction, cancellationToken: cancellationToken));

            var previous = await connection.QuerySingleOrDefaultAsync<ListCounts>(new CommandDefinition(PreviousImportSql,
                new { campaignId, sha = file.Probe.Sha256 }, transaction, cancellationToken: cancellationToken));
            if (previous is not null)
            {
                await transaction.RollbackAsync(cancellationToken);
                _logger.LogInformation("List {File} was already imported into campaign {Campaign} as list {ListId}; nothing changed",
                    fileName, campaignName, previous.id);
                return previous.ToResult(campaignId, alreadyImported: true);
            }

            var listId = await connection.ExecuteScalarAsync<long>(new CommandDefinition(InsertListSql, new
            {
                campaignId,
                fileName,
                sha = file.Probe.Sha256,
                encoding = file.EncodingName,
                delimiter = file.Delimiter,
                header = file.Header.Fields.ToArray(),
            }, transaction, cancellationToken: cancellationToken));

            await metadataLoaded;
            var clock = System.Diagnostics.Stopwatch.StartNew();
            await transaction.SaveAsync(DirectLoadSavepoint, cancellationToken);
            var counts = await new DirectContactLoad(connection, transaction, campaignId, listId)
                { MaxKeySlots = MaxKeySlots, ProgressEvery = ProgressEvery }
                .TryLoadAsync(file, progress, cancellationToken);
            if (counts is null)
            {
                _logger.LogInformation("List {File}: the do-not-call list, the campaign's and the file's numbers outgrow the in-memory set; deduplicating in SQL instead", fileName);
                await transaction.RollbackAsync(DirectLoadSavepoint, cancellationToken);
                file.Dispose();
                file = await ContactFile.OpenAsync(path, mapping, FileOptions, cancellationToken);
                counts = await new StagedContactLoad(connection, transaction, campaignId, listId) { ProgressEvery = ProgressEvery }
                    .LoadAsync(file, progress, cancellationToken);
            }
            if (counts.Rows == 0)
                throw new ContactListFormatException("the file has a header but no data rows: nothing to import");
            _logger.LogDebug("Loaded list {ListId} in {Seconds:N2} s", listId, clock.Elapsed.TotalSeconds);

            await connection.ExecuteAsync(new CommandDefinition(RecordCountsSql, new
            {
                listId,
                counts.Rows,
                counts.Accepted,
                counts.Rejected,
                counts.Duplicates,
                counts.Suppressed,
            }, transaction, cancellationToken: cancellationToken));
            await transaction.CommitAsync(cancellationToken);

            _logger.LogInformation("Imported list {ListId} into campaign {Campaign}: {Rows} rows, {Accepted} accepted, {Rejected} rejected, {Duplicates} duplicates, {Suppressed} suppressed",
                listId, campaignName, counts.Rows, counts.Accepted, counts.Rejected, counts.Duplicates, counts.Suppressed);
            return new ImportResult(campaignId, listId, counts.Rows, counts.Accepted, counts.Rejected, counts.Duplicates, counts.Suppressed,
                file.EncodingName, file.Delimiter, AlreadyImported: false);
        }
        finally
        {
            file.Dispose();
        }
    }

    private const string DirectLoadSavepoint = "direct_load";

    /// <summary>An import's transaction may sit idle 10 minutes before PostgreSQL ends it: an import's connection whose node
    /// froze still holds its campaign's import lock, but the import's own pauses can be long.</summary>
    private const string IdleLimitSql = "select set_config('idle_in_transaction_session_timeout', '10min', true)";

    private sealed record ListCounts(long id, int rows, int accepted, int rejected, int duplicates, int suppressed, string encoding, string delimiter)
    {
        public ImportResult ToResult(long campaignId, bool alreadyImported) =>
            new(campaignId, id, rows, accepted, rejected, duplicates, suppressed, encoding, delimiter, alreadyImported);
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

    private const string RecordCountsSql = """
        update contact_lists
        set rows = @Rows, accepted = @Accepted, rejected = @Rejected, duplicates = @Duplicates, suppressed = @Suppressed
        where id = @listId
        """;
}
