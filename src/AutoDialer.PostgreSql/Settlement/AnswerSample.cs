namespace AutoDialer.PostgreSql.Settlement;

/// <summary>One call's sample for its caller number's answer record, kept over the campaign's <paramref name="Window"/> latest calls.</summary>
internal sealed record AnswerSample(long CampaignId, string NumberId, bool Answered, int Window);
