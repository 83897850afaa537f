namespace AutoDialer.PostgreSql.Campaigns;

/// <summary>A campaign with a history cannot be deleted; the message says what to do instead.</summary>
internal sealed class CampaignNotDeletableException(long campaignId, string message) : InvalidOperationException(message)
{
    public long CampaignId { get; } = campaignId;
}
