using AutoDialer.PostgreSql.Nightly;
using Hangfire;

namespace AutoDialer.AspNetCore.Jobs;

/// <summary>
/// Closes one campaign's day (see <see cref="NightlyRetryBatch"/>). Created by the recurring job <c>nightly-{id}</c> at each
/// occurrence of the campaign's cron in its time zone (every missed one too: <c>MisfireHandlingMode.Strict</c>), each
/// with the occurrence it stands for (Hangfire's <c>Time</c> parameter). An occurrence before noon closes the previous
/// day (the default 02:00 closes yesterday), one after noon the same day (a batch at 23:30). Safe to run twice.
/// </summary>
internal sealed class NightlyRetryBatchJob(NightlyRetryBatch batch)
{
    /// <summary>The job parameter Hangfire's recurring jobs set to the occurrence (Unix seconds) a job was created for.</summary>
    public const string OccurrenceParameter = "Time";

    public async Task<string> RunAsync(long campaignId, string timeZone, [FromParameter(OccurrenceParameter)] long? occurrence, CancellationToken cancellationToken)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(timeZone);
        var at = occurrence is { } seconds ? DateTimeOffset.FromUnixTimeSeconds(seconds) : DateTimeOffset.UtcNow;
        var day = DayClosedBy(at, zone);
        var result = await batch.RunAsync(campaignId, day, cancellationToken);
        return result.AlreadyClosed
            ? $"campaign {campaignId} day {day:yyyy-MM-dd} was already closed"
            : $"campaign {campaignId} day {day:yyyy-MM-dd}: {result.Rescheduled} rescheduled, {result.Finalised} finalised, report stored";
    }

    /// <summary>The campaign day an occurrence at <paramref name="at"/> closes.</summary>
    public static DateOnly DayClosedBy(DateTimeOffset at, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(at, zone);
        var day = DateOnly.FromDateTime(local.DateTime);
        return local.Hour < 12 ? day.AddDays(-1) : day;
    }
}
