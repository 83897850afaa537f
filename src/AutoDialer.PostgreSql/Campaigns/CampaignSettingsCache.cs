using System.Collections.Concurrent;
using AutoDialer.Core.Campaigns;

namespace AutoDialer.PostgreSql.Campaigns;

/// <summary>
/// Parsed campaign settings by campaign and version (its updated_at), so the hot paths parse a campaign's JSON once
/// per change rather than once per call.
/// </summary>
internal sealed class CampaignSettingsCache
{
    private readonly ConcurrentDictionary<long, (DateTime Version, CampaignSettings Settings)> _entries = new();

    /// <summary>The settings of this version of the campaign, if they were parsed already.</summary>
    public bool TryGet(long campaignId, DateTime version, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out CampaignSettings? settings)
    {
        settings = _entries.TryGetValue(campaignId, out var entry) && entry.Version == version ? entry.Settings : null;
        return settings is not null;
    }

    public CampaignSettings Get(long campaignId, DateTime version, string json, string timeZone)
    {
        if (_entries.TryGetValue(campaignId, out var entry) && entry.Version == version)
            return entry.Settings;
        var settings = json.Trim() is "{}" or "" ? CampaignSettings.Default(timeZone) : CampaignSettings.FromJson(json);
        _entries[campaignId] = (version, settings);
        return settings;
    }
}
