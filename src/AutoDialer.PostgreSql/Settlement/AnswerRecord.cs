namespace AutoDialer.PostgreSql.Settlement;

/// <summary>A caller number's answer record after the latest samples were appended, most recent last.</summary>
internal sealed record AnswerRecord(long CampaignId, string NumberId, IReadOnlyList<bool> RecentAnswered);
