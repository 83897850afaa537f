using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.Json;
using AutoDialer.Core.Import;
using AutoDialer.Core.StoredWords;
using AutoDialer.PostgreSql.Audit;
using Dapper;
using Npgsql;

namespace AutoDialer.PostgreSql.Import;

/// <summary>
/// Lists uploaded for background import: the record of each upload, and the import run that a job performs.
/// A failed run leaves no partial list (the import is one transaction) and keeps the reason on the upload.
/// </summary>
internal sealed class ListUploads(NpgsqlDataSource dataSource, ContactListImporter importer)
{
    /// <summary>Every column of <c>list_uploads</c>, named as <see cref="UploadRow"/> takes them.</summary>
    private const string SelectUploadsSql = """
        select id, campaign_name as CampaignName, file_name as FileName, stored_path as StoredPath, size_bytes as SizeBytes,
               status, rows_read as RowsRead, bytes_read as BytesRead, list_id as ListId, error, created_at as CreatedAt, updated_at as UpdatedAt,
               mapping::text as Mapping
        from list_uploads
        """;

    /// <summary>
    /// Records an upload: <see cref="UploadStatus.Queued"/> for its import job, or <see cref="UploadStatus.Staged"/> to wait
    /// for a person's mapping. Given an <see cref="AuditActor"/>, with its audit entry in the same transaction.
    /// </summary>
    public async Task<long> RecordAsync(string campaignName, string fileName, string storedPath, UploadStatus status, AuditActor? actor = null,
        CancellationToken cancellationToken = default)
    {
        if (status is not (UploadStatus.Queued or UploadStatus.Staged))
            throw new ArgumentOutOfRangeException(nameof(status), status, "An upload starts queued or staged.");
        var size = new FileInfo(storedPath).Length;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var recorded = await connection.QuerySingleAsync<(long Id, long? CampaignId)>(new CommandDefinition("""
            insert into list_uploads (campaign_name, file_name, stored_path, size_bytes, status)
            values (@campaignName, @fileName, @storedPath, @size, @status)
            returning id, (select id from campaigns where name = @campaignName) as campaign_id
            """, new { campaignName, fileName, storedPath, size, status = status.ToName() }, transaction, cancellationToken: cancellationToken));
        if (actor is not null)
        {
            await AuditTrail.WriteAsync(connection, transaction, actor, new AuditEntry(AuditAction.ListUpload, AuditTarget.Upload,
                recorded.Id.ToString(CultureInfo.InvariantCulture), recorded.CampaignId,
                new JsonObject { ["campaign"] = campaignName, ["file_name"] = fileName, ["size_bytes"] = size }), cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return recorded.Id;
    }

    /// <summary>
    /// A staged upload's columns were reviewed: it keeps the mapping and is queued for its import job. False when the
    /// upload is not staged (already confirmed, or never staged), which changes nothing.
    /// </summary>
    public async Task<bool> ConfirmAsync(long uploadId, ColumnMapping mapping, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition($"""
            update list_uploads set status = '{UploadStatuses.Queued}', mapping = @mapping::jsonb, updated_at = now()
            where id = @uploadId and status = '{UploadStatuses.Staged}'
            """, new { uploadId, mapping = StoredMapping.Write(mapping) }, cancellationToken: cancellationToken)) == 1;
    }

    /// <summary>Records the job that imports the upload (unless one is recorded already); false when one was.</summary>
    public async Task<bool> SetJobAsync(long uploadId, string jobId, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            "update list_uploads set job_id = @jobId where id = @uploadId and job_id is null",
            new { uploadId, jobId }, cancellationToken: cancellationToken)) == 1;
    }

    /// <summary>
    /// Uploads recorded more than <paramref name="age"/> ago that are still queued with no job: their node stopped
    /// between recording them and enqueuing their import (uses the partial index list_uploads_without_job).
    /// </summary>
    public async Task<IReadOnlyList<long>> WithoutJobAsync(TimeSpan age, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var ids = await connection.QueryAsync<long>(new CommandDefinition($"""
            select id from list_uploads
            where status = '{UploadStatuses.Queued}' and job_id is null and created_at < now() - @age
            order by id limit 100
            """, new { age }, cancellationToken: cancellationToken));
        return ids.ToList();
    }

    public async Task<ListUpload?> FindAsync(long uploadId, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<UploadRow>(new CommandDefinition(
            SelectUploadsSql + " where id = @uploadId", new { uploadId }, cancellationToken: cancellationToken));
        return row?.ToUpload();
    }

    /// <summary>The most recent uploads, newest first; of one campaign when <paramref name="campaignName"/> is given.</summary>
    public async Task<IReadOnlyList<ListUpload>> ListRecentAsync(int limit, string? campaignName = null, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<UploadRow>(new CommandDefinition(
            SelectUploadsSql + " where @campaignName::text is null or campaign_name = @campaignName order by id desc limit @limit",
            new { limit, campaignName }, cancellationToken: cancellationToken));
        return rows.Select(r => r.ToUpload()).ToList();
    }

    /// <summary>Imports an upload; throws when the import fails so the job engine records the failure and retries.</summary>
    public async Task<ImportResult> ImportAsync(long uploadId, CancellationToken cancellationToken = default)
    {
        var upload = await FindAsync(uploadId, cancellationToken)
            ?? throw new KeyNotFoundException($"upload {uploadId} does not exist");
        if (upload.Status == UploadStatus.Imported && upload.ListId is not null)
            throw new InvalidOperationException($"upload {uploadId} was already imported as list {upload.ListId}");
        if (upload.Status == UploadStatus.Staged)
            throw new InvalidOperationException($"upload {uploadId} is staged: it is imported once its columns are confirmed");

        await SetStatusAsync(uploadId, UploadStatus.Importing, null, cancellationToken);
        try
        {
            // Uploads live in a folder the cluster's nodes share; a file not (yet) visible here is worth another try,
            // unlike a file that is there and cannot be imported.
            if (!File.Exists(upload.StoredPath))
                throw new FileNotFoundException($"the uploaded file of upload {uploadId} is not in the upload folder on this node", upload.StoredPath);
            var progress = new Progress<ImportProgress>(p => _ = ReportProgressAsync(uploadId, p));
            var result = await importer.ImportAsync(upload.StoredPath, upload.CampaignName, upload.Mapping, progress, upload.FileName, cancellationToken);
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            await connection.ExecuteAsync(new CommandDefinition($"""
                update list_uploads set status = '{UploadStatuses.Imported}', list_id = @listId, rows_read = @rows, bytes_read = size_bytes,
                       error = null, updated_at = now() where id = @uploadId
                """, new { uploadId, listId = result.ListId, rows = result.Rows }, cancellationToken: cancellationToken));
            RemoveFile(upload.StoredPath);
            return result;
        }
        catch (Exception e)
        {
            // The file stays, also for a list that can never be imported: a requeue shows the same reason again.
            await SetStatusAsync(uploadId, UploadStatus.Failed, e.Message, CancellationToken.None);
            throw;
        }
    }

    /// <summary>The list is in the database now: its upload file goes.</summary>
    private static void RemoveFile(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Left behind in the upload folder; the import's outcome stands.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private async Task ReportProgressAsync(long uploadId, ImportProgress progress)
    {
        try
        {
            await using var connection = await dataSource.OpenConnectionAsync();
            await connection.ExecuteAsync($"""
                update list_uploads set rows_read = @rows, bytes_read = @bytes, updated_at = now()
                where id = @uploadId and status = '{UploadStatuses.Importing}'
                """, new { uploadId, rows = progress.Rows, bytes = progress.BytesRead });
        }
        catch (NpgsqlException)
        {
            // Progress is advisory; the import's own outcome is recorded separately.
        }
    }

    private async Task SetStatusAsync(long uploadId, UploadStatus status, string? error, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "update list_uploads set status = @status, error = @error, updated_at = now() where id = @uploadId",
            new { uploadId, status = status.ToName(), error }, cancellationToken: cancellationToken));
    }
}

/// <param name="Mapping">The columns' roles a person chose in the mapping step; null: found from the header's names.</param>
internal sealed record ListUpload(long Id, string CampaignName, string FileName, string StoredPath, long SizeBytes, UploadStatus Status,
    int RowsRead, long BytesRead, long? ListId, string? Error, DateTime CreatedAt, DateTime UpdatedAt, ColumnMapping? Mapping = null);

/// <summary>A row of <c>list_uploads</c> as stored (Dapper maps by column name); its status is read by <see cref="UploadStatuses"/>.</summary>
internal sealed record UploadRow(long Id, string CampaignName, string FileName, string StoredPath, long SizeBytes, string Status,
    int RowsRead, long BytesRead, long? ListId, string? Error, DateTime CreatedAt, DateTime UpdatedAt, string? Mapping)
{
    public ListUpload ToUpload() =>
        new(Id, CampaignName, FileName, StoredPath, SizeBytes, UploadStatuses.Parse(Status), RowsRead, BytesRead, ListId, Error, CreatedAt, UpdatedAt,
            StoredMapping.Read(Mapping));
}

/// <summary>
/// <c>list_uploads.mapping</c>: <c>{"phone": 2, "name": 0, "timezone": null, "privacy_number": null, "alternate_phones": [3]}</c>,
/// in both directions (a mapping stored before alternate numbers existed reads as having none).
/// </summary>
internal static class StoredMapping
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public static string Write(ColumnMapping mapping) => JsonSerializer.Serialize(mapping, Json);

    public static ColumnMapping? Read(string? json) => json is null ? null : JsonSerializer.Deserialize<ColumnMapping>(json, Json);
}
