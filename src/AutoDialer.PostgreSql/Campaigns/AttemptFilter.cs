namespace AutoDialer.PostgreSql.Campaigns;

/// <summary>Which attempts of a campaign to list; every criterion is optional.</summary>
/// <param name="Phone">Digits the dialled number contains (the stored number is E.164, so "138001" finds "+86138001…").</param>
internal sealed record AttemptFilter(
    long CampaignId,
    string? Outcome = null,
    string? Status = null,
    string? AgentId = null,
    string? Phone = null,
    DateTimeOffset? From = null,
    DateTimeOffset? Until = null,
    int Limit = 50,
    int Offset = 0);
