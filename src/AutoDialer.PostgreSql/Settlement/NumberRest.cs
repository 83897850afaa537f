namespace AutoDialer.PostgreSql.Settlement;

/// <summary>A caller number rested until <paramref name="Until"/>, its answer record cleared.</summary>
internal sealed record NumberRest(long CampaignId, string NumberId, DateTimeOffset Until);
