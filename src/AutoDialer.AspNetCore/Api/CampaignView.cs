using AutoDialer.Core.Campaigns;

namespace AutoDialer.AspNetCore.Api;

/// <summary>A campaign as the API returns it, with its progress.</summary>
internal sealed record CampaignView(
    long Id,
    string Name,
    string State,
    string TimeZone,
    CampaignSettings Settings,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    ProgressView Progress);
