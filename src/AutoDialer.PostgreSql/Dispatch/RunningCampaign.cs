using AutoDialer.Core.Campaigns;

namespace AutoDialer.PostgreSql.Dispatch;

/// <summary>A campaign that is dialling now, with the settings dispatch needs.</summary>
public sealed record RunningCampaign(long Id, string Name, CampaignSettings Settings);
