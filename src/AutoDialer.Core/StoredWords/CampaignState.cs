namespace AutoDialer.Core.StoredWords;

/// <summary>Where a campaign is in its life; stored as the lower-case name.</summary>
public enum CampaignState
{
    Draft,
    Running,
    Paused,
    Completed,
    Cancelled,
}
