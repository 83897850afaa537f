using AutoDialer.PostgreSql.Uploads;
using Quartz;

namespace AutoDialer.AspNetCore.Jobs;

/// <summary>Records an uploaded file and hands it to the import job, which may run on any node of the cluster.</summary>
public sealed class ListUploadQueue(ListUploads uploads, ISchedulerFactory schedulers)
{
    public async Task<long> EnqueueAsync(string campaignName, string fileName, string storedPath, CancellationToken cancellationToken = default)
    {
        var uploadId = await uploads.RecordAsync(campaignName, fileName, storedPath, cancellationToken);
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        await scheduler.TriggerJob(ImportContactListJob.Key, new JobDataMap { [ImportContactListJob.UploadIdKey] = uploadId }, cancellationToken);
        return uploadId;
    }
}
