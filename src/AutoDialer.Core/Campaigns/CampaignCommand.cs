namespace AutoDialer.Core.Campaigns;

/// <summary>What a campaign manager (or the dialer, for Complete) asks a campaign to do.</summary>
internal enum CampaignCommand
{
    Start,
    Pause,
    Resume,
    Cancel,
    Complete,
}
