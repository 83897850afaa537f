using AutoDialer.Core.StoredWords;

namespace AutoDialer.Core.Campaigns;

/// <summary>A command that the campaign's current state does not allow, e.g. resuming a cancelled campaign.</summary>
internal sealed class InvalidCampaignTransitionException(long campaignId, CampaignState state, CampaignCommand command)
    : InvalidOperationException($"campaign {campaignId} is {state.ToName()}: it cannot {command.ToString().ToLowerInvariant()}")
{
    public long CampaignId { get; } = campaignId;
    public CampaignState State { get; } = state;
    public CampaignCommand Command { get; } = command;
}
