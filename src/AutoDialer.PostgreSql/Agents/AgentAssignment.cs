namespace AutoDialer.PostgreSql.Agents;

/// <summary>An agent named in a campaign's settings (<c>agent_ids</c>).</summary>
internal sealed record AgentAssignment(string ProviderAccount, string AgentId, long CampaignId, string CampaignName, string CampaignState);
