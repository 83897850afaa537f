using AutoDialer.Core.Campaigns;
using AutoDialer.Core.StoredWords;

namespace AutoDialer.PostgreSql.Campaigns;

internal sealed record Campaign(
    long Id,
    string Name,
    CampaignState State,
    CampaignSettings Settings,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);
