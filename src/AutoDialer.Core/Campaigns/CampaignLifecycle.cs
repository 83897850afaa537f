using AutoDialer.Core.StoredWords;

namespace AutoDialer.Core.Campaigns;

/// <summary>
/// The legal moves of a campaign. Pause and cancel take effect before the next dial because dispatch reads the
/// state in the same transaction that leases a contact; calls already ringing finish normally.
/// </summary>
internal static class CampaignLifecycle
{
    /// <summary>The state after <paramref name="command"/>, or null when the move is not allowed from <paramref name="state"/>.</summary>
    public static CampaignState? Next(CampaignState state, CampaignCommand command) => (state, command) switch
    {
        (CampaignState.Draft, CampaignCommand.Start) => CampaignState.Running,
        (CampaignState.Running, CampaignCommand.Pause) => CampaignState.Paused,
        (CampaignState.Paused, CampaignCommand.Resume) => CampaignState.Running,
        (CampaignState.Draft or CampaignState.Running or CampaignState.Paused, CampaignCommand.Cancel) => CampaignState.Cancelled,
        (CampaignState.Running, CampaignCommand.Complete) => CampaignState.Completed,
        _ => null,
    };
}
