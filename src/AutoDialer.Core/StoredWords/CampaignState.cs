namespace AutoDialer.Core.StoredWords;

/// <summary>Where a campaign is in its life; stored by its name in <see cref="CampaignStates"/>.</summary>
internal enum CampaignState
{
    Draft,
    Running,
    Paused,
    Completed,
    Cancelled,
}
