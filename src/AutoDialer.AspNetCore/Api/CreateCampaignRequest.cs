using System.Text.Json.Serialization;
using AutoDialer.Core.Campaigns;

namespace AutoDialer.AspNetCore.Api;

/// <summary>
/// A new campaign: a name, and its settings or just a time zone (then every day 09:00–21:00 there). Every member is
/// described in docs/campaign-settings.md.
/// </summary>
internal sealed class CreateCampaignRequest
{
    [JsonRequired]
    public string Name { get; init; } = "";

    public CampaignSettings? Settings { get; init; }

    /// <summary>Only when <see cref="Settings"/> is absent (with settings, a 400); default Asia/Shanghai.</summary>
    public string? TimeZone { get; init; }
}
