using AutoDialer.PostgreSql.Uploads;
using Hangfire;
using Hangfire.Common;
using Hangfire.States;

namespace AutoDialer.AspNetCore.Jobs;

/// <summary>Records an uploaded file and hands it to the import job, a fire-and-forget Hangfire job in the shared queue.</summary>
public sealed class ListUploadQueue(ListUploads uploads, IBackgroundJobClient jobs)
{
    /// <returns>The upload's id and its Hangfire job's id.</returns>
    public async Task<QueuedUpload> EnqueueAsync(string campaignName, string fileName, string storedPath, CancellationToken cancellationToken = default)
    {
        var uploadId = await uploads.RecordAsync(campaignName, fileName, storedPath, cancellationToken);
        var jobId = jobs.Create(
            Job.FromExpression<ImportContactListJob>(job => job.RunAsync(uploadId, CancellationToken.None), JobQueues.Shared),
            new EnqueuedState(JobQueues.Shared));
        return new QueuedUpload(uploadId, jobId);
    }
}

public sealed record QueuedUpload(long UploadId, string JobId);
