using AutoDialer.PostgreSql.Import;
using AutoDialer.PostgreSql.Uploads;
using Quartz;

namespace AutoDialer.AspNetCore.Jobs;

/// <summary>
/// Imports one uploaded list. Thin on purpose: the work is <see cref="ListUploads.ImportAsync"/>.
/// A failure is retried with growing waits a bounded number of times (the trigger carries the policy, see
/// <see cref="ListUploadQueue"/>; every attempt lands in the execution history); a list that can never be
/// imported (bad format) is not retried.
/// </summary>
public sealed class ImportContactListJob(ListUploads uploads) : IJob
{
    public static readonly JobKey Key = new("import-contact-list", "autodialer");
    public const string UploadIdKey = "uploadId";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        // A retry from the jobs page carries only the recorded input.
        var data = context.MergedJobDataMap;
        var uploadId = data.ContainsKey(UploadIdKey) ? data.GetLong(UploadIdKey) : long.Parse(data.GetString(SchedulerConstants.JobInput)!, System.Globalization.CultureInfo.InvariantCulture);
        try
        {
            var result = await uploads.ImportAsync(uploadId, cancellationToken);
            context.Result = $"list {result.ListId}: {result.Rows} rows, {result.Accepted} accepted, {result.Rejected} rejected, " +
                             $"{result.Duplicates} duplicates, {result.Suppressed} suppressed";
        }
        catch (ContactListFormatException e)
        {
            // The same bytes will fail the same way: record the failure, don't retry.
            throw new JobExecutionException(e.Message, e) { UnscheduleFiringTrigger = true };
        }
    }
}
