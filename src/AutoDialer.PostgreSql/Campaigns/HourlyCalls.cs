namespace AutoDialer.PostgreSql.Campaigns;

/// <summary>Attempts started in one local hour of a campaign's day, and how many of them were answered.</summary>
internal sealed record HourlyCalls(int Hour, long Attempts, long Answered);
