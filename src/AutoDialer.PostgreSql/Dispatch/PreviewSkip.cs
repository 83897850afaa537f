namespace AutoDialer.PostgreSql.Dispatch;

/// <summary>An agent's skip of an offered contact, counted against its day (<c>preview.max_skips_per_agent_per_day</c>).</summary>
/// <param name="Day">The day in the campaign's zone.</param>
internal sealed record PreviewSkip(long CampaignId, string AgentId, DateOnly Day);
