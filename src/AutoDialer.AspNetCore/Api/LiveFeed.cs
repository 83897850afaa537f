using System.Globalization;
using System.Text.Json;
using AutoDialer.PostgreSql.Campaigns;
using AutoDialer.PostgreSql.Import;

namespace AutoDialer.AspNetCore.Api;

/// <summary>
/// The snapshots the dashboard's live feed pushes, one per topic: <c>campaigns</c>, <c>campaign:{id}</c>, <c>agents</c>,
/// <c>jobs</c>, <c>uploads</c>. Each is the same JSON the matching API endpoint returns.
/// </summary>
internal sealed class LiveFeed(CampaignBoard campaigns, CampaignCounters counters, AttemptLog attempts, AgentBoard agents,
    JobBoard jobs, ListUploads uploads, CampaignStore store, TimeProvider clock)
{
    public static bool IsTopic(string topic) =>
        topic is "campaigns" or "agents" or "jobs" or "uploads"
        || (topic.StartsWith("campaign:", StringComparison.Ordinal) && long.TryParse(topic.AsSpan(9), out _));

    /// <returns>The topic's JSON, or null when its subject does not exist (a deleted campaign).</returns>
    public async Task<string?> SnapshotAsync(string topic, CancellationToken cancellationToken)
    {
        object? value = topic switch
        {
            "campaigns" => await campaigns.ListAsync(cancellationToken),
            "agents" => await agents.ListAsync(TimeZoneInfo.Local, cancellationToken),
            "jobs" => await jobs.ReadAsync(limit: 50, cancellationToken),
            "uploads" => (await uploads.ListRecentAsync(20, null, cancellationToken)).Select(UploadView.From).ToList(),
            _ => await CampaignAsync(long.Parse(topic.AsSpan(9), CultureInfo.InvariantCulture), cancellationToken),
        };
        return value is null ? null : JsonSerializer.Serialize(value, ApiJson.Options);
    }

    private async Task<object?> CampaignAsync(long id, CancellationToken cancellationToken)
    {
        if (await campaigns.ProgressAsync(id, cancellationToken) is not { } progress) return null;
        var campaign = await store.FindAsync(id, cancellationToken);
        var zone = campaign?.Settings.Schedule.TimeZoneId ?? "UTC";
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(progress.LastAttemptAt ?? clock.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById(zone)).DateTime);
        var hours = await attempts.CallsPerHourAsync(id, today, zone, cancellationToken);
        return new
        {
            progress,
            outcomes = await counters.OutcomesAsync(id, cancellationToken),
            day = today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            hours = Enumerable.Range(0, 24).Select(h => hours.FirstOrDefault(x => x.Hour == h) ?? new HourlyCalls(h, 0, 0)),
        };
    }
}
