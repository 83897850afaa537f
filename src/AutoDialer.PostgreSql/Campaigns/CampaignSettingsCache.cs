using System.Collections.Concurrent;
using AutoDialer.Core.Campaigns;
using AutoDialer.Core.Campaigns.Holidays;

namespace AutoDialer.PostgreSql.Campaigns;

/// <summary>
/// Parsed campaign settings by campaign and version (its updated_at), so the hot paths parse a campaign's JSON once
/// per change rather than once per call. Every settings it gives carry the data of their holiday calendar (from
/// <paramref name="calendars"/>, default the shipped ones), so the dial gate, the nightly batch and the diagnostics that
/// read settings here see the holidays.
/// </summary>
internal sealed class CampaignSettingsCache(HolidayCalendars? calendars = null)
{
    private readonly HolidayCalendars _calendars = calendars ?? HolidayCalendars.Shipped;

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
        var settings = (json.Trim() is "{}" or "" ? CampaignSettings.Default(timeZone) : CampaignSettings.FromJson(json)).WithCalendarFrom(_calendars);
        _entries[campaignId] = (version, settings);
        return settings;
    }
}
