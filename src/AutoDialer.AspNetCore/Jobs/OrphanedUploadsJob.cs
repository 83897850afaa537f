using AutoDialer.PostgreSql.Import;

namespace AutoDialer.AspNetCore.Jobs;

/// <summary>
/// Enqueues the import of uploads recorded but never enqueued (their node stopped in between): a recurring job, every
/// minute, cluster-wide. An upload is taken for orphaned only <see cref="Grace"/> after it was recorded, long past the
/// moment between recording and enqueuing.
/// </summary>
internal sealed class OrphanedUploadsJob(ListUploads uploads, ListUploadQueue queue)
{
    public static readonly TimeSpan Grace = TimeSpan.FromMinutes(1);

    public async Task<string> RunAsync(CancellationToken cancellationToken)
    {
        var orphans = await uploads.WithoutJobAsync(Grace, cancellationToken);
        foreach (var uploadId in orphans)
            await queue.EnqueueImportAsync(uploadId, cancellationToken);
        return orphans.Count == 0 ? "no upload without its import job" : $"import enqueued for uploads {string.Join(", ", orphans)}";
    }
}
