using AutoDialer.PostgreSql.Uploads;
using Microsoft.Extensions.Options;
using Quartz;

namespace AutoDialer.AspNetCore.Jobs;

/// <summary>Records an uploaded file and hands it to the import job, which may run on any node of the cluster.</summary>
public sealed class ListUploadQueue(ListUploads uploads, ISchedulerFactory schedulers, IOptions<AutoDialerOptions> options)
{
    private readonly RetryPolicy retryPolicy = RetryPolicy.Exponential(
        options.Value.ImportRetries, options.Value.ImportRetryDelay, 4.0, maxDelay: TimeSpan.FromMinutes(30), jitter: 0.1);

    public async Task<long> EnqueueAsync(string campaignName, string fileName, string storedPath, CancellationToken cancellationToken = default)
    {
        var uploadId = await uploads.RecordAsync(campaignName, fileName, storedPath, cancellationToken);
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var trigger = TriggerBuilder.Create()
            .WithIdentity($"upload-{uploadId}", "imports")
            .ForJob(ImportContactListJob.Key)
            .UsingJobData(ImportContactListJob.UploadIdKey, uploadId)
            // Also as the job's input, which the execution history records, so a failed import can be run again from it.
            .UsingJobData(SchedulerConstants.JobInput, uploadId.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .WithRetryPolicy(retryPolicy)
            .StartNow()
            .Build();
        await scheduler.ScheduleJob(trigger, new ScheduleJobOptions(), cancellationToken);
        return uploadId;
    }
}
