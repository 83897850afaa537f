using AutoDialer.PostgreSql.Audit;
using AutoDialer.Core.Import;
using AutoDialer.Core.StoredWords;
using AutoDialer.PostgreSql.Import;
using Hangfire;
using Hangfire.Common;
using Hangfire.States;

namespace AutoDialer.AspNetCore.Jobs;

/// <summary>
/// Records an uploaded file and hands it to the import job, a fire-and-forget Hangfire job in the shared queue; the
/// job's id is recorded on the upload, so an upload left without one (its node stopped in between) is found and
/// enqueued by <see cref="OrphanedUploadsJob"/>.
/// </summary>
internal sealed class ListUploadQueue(ListUploads uploads, IBackgroundJobClient jobs)
{
    /// <returns>The upload's id and its Hangfire job's id.</returns>
    public async Task<QueuedUpload> EnqueueAsync(string campaignName, string fileName, string storedPath, AuditActor? actor = null,
        CancellationToken cancellationToken = default)
    {
        var uploadId = await uploads.RecordAsync(campaignName, fileName, storedPath, UploadStatus.Queued, actor, cancellationToken);
        return new QueuedUpload(uploadId, await EnqueueImportAsync(uploadId, cancellationToken));
    }

    /// <summary>Records an uploaded file to wait, staged, for a person to review its columns; no job yet.</summary>
    public Task<long> StageAsync(string campaignName, string fileName, string storedPath, AuditActor? actor = null,
        CancellationToken cancellationToken = default) =>
        uploads.RecordAsync(campaignName, fileName, storedPath, UploadStatus.Staged, actor, cancellationToken);

    /// <summary>A staged upload's mapping was chosen: it is queued with it and its import job created. False when the upload was not staged.</summary>
    public async Task<bool> ConfirmAsync(long uploadId, ColumnMapping mapping, CancellationToken cancellationToken = default)
    {
        if (!await uploads.ConfirmAsync(uploadId, mapping, cancellationToken))
            return false;
        await EnqueueImportAsync(uploadId, cancellationToken);
        return true;
    }

    /// <summary>Creates the import job of a recorded upload and records its id on the upload.</summary>
    public async Task<string> EnqueueImportAsync(long uploadId, CancellationToken cancellationToken = default)
    {
        var jobId = jobs.Create(
            Job.FromExpression<ImportContactListJob>(job => job.RunAsync(uploadId, CancellationToken.None), JobQueues.Shared),
            new EnqueuedState(JobQueues.Shared));
        await uploads.SetJobAsync(uploadId, jobId, cancellationToken);
        return jobId;
    }
}

internal sealed record QueuedUpload(long UploadId, string JobId);
