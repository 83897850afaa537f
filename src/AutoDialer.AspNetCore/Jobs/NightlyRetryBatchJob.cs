using AutoDialer.AspNetCore.Dialing;
using AutoDialer.PostgreSql.Dialing;
using Microsoft.Extensions.Options;
using Quartz;

namespace AutoDialer.AspNetCore.Jobs;

/// <summary>
/// Closes one campaign's day (see <see cref="NightlyRetryBatch"/>). Fired by a cron trigger per campaign in the
/// campaign's time zone; a firing before noon closes the previous day (the default 02:00 closes yesterday), a
/// firing after noon closes the same day (a batch at 23:30).
/// </summary>
[DisallowConcurrentExecution]
public sealed class NightlyRetryBatchJob(NightlyRetryBatch batch, IOptions<AutoDialerOptions> options, IOptions<DialingOptions> dialing) : IJob
{
    public static readonly JobKey Key = new("nightly-retry-batch", "dialing");
    public const string CampaignIdKey = "campaignId";
    public const string TimeZoneKey = "timeZone";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        var campaignId = context.MergedJobDataMap.GetLong(CampaignIdKey);
        var zone = TimeZoneInfo.FindSystemTimeZoneById(context.MergedJobDataMap.GetString(TimeZoneKey) ?? "UTC");
        var fired = TimeZoneInfo.ConvertTime(context.ScheduledFireTimeUtc ?? context.FireTimeUtc, zone);
        var day = DateOnly.FromDateTime(fired.DateTime);
        if (fired.Hour < 12) day = day.AddDays(-1);
        var reports = dialing.Value.ReportsDirectory ?? Path.Combine(options.Value.DataDirectory, "reports");
        var result = await batch.RunAsync(campaignId, day, reports, cancellationToken);
        context.Result = result.AlreadyClosed
            ? $"campaign {campaignId} day {day:yyyy-MM-dd} was already closed"
            : $"campaign {campaignId} day {day:yyyy-MM-dd}: {result.Rescheduled} rescheduled, {result.Finalised} finalised, report {result.ReportPath}";
    }
}
