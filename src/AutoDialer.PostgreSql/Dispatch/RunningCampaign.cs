using AutoDialer.Core.Campaigns;

namespace AutoDialer.PostgreSql.Dispatch;

/// <summary>A campaign that is dialling now, with the settings dispatch needs.</summary>
internal sealed record RunningCampaign(long Id, string Name, CampaignSettings Settings);
