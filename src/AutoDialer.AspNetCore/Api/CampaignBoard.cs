using AutoDialer.Core.Campaigns;
using AutoDialer.Core.StoredWords;
using AutoDialer.PostgreSql.Campaigns;

namespace AutoDialer.AspNetCore.Api;

/// <summary>Campaigns with their progress, as the API and the live feed show them.</summary>
internal sealed class CampaignBoard(CampaignStore campaigns, CampaignCounters counters, AttemptLog attempts)
{
    public async Task<IReadOnlyList<CampaignView>> ListAsync(CancellationToken cancellationToken)
    {
        var all = await campaigns.ListAsync(cancellationToken);
        var progress = await counters.ProgressOfAllAsync(cancellationToken);
        var views = new List<CampaignView>(all.Count);
        foreach (var campaign in all)
        {
            var rate = campaign.State == CampaignState.Running ? await attempts.RateAsync(campaign.Id, cancellationToken) : DialingRate.None;
            views.Add(ToView(campaign, progress.GetValueOrDefault(campaign.Id) ?? CampaignProgress.Empty(campaign.Id, campaign.State), rate));
        }
        return views;
    }

    public async Task<CampaignView?> FindAsync(long id, CancellationToken cancellationToken)
    {
        if (await campaigns.FindAsync(id, cancellationToken) is not { } campaign) return null;
        return await ViewOfAsync(campaign, cancellationToken);
    }

    public async Task<CampaignView> ViewOfAsync(Campaign campaign, CancellationToken cancellationToken)
    {
        var progress = await counters.ProgressAsync(campaign.Id, cancellationToken) ?? CampaignProgress.Empty(campaign.Id, campaign.State);
        return ToView(campaign, progress, await attempts.RateAsync(campaign.Id, cancellationToken));
    }

    /// <summary>The progress alone: the counters and, while running, the recent rate; two short index reads whatever the campaign's size.</summary>
    public async Task<ProgressView?> ProgressAsync(long id, CancellationToken cancellationToken)
    {
        if (await counters.ProgressAsync(id, cancellationToken) is not { } progress) return null;
        var rate = progress.State == CampaignState.Running ? await attempts.RateAsync(id, cancellationToken) : DialingRate.None;
        return ProgressView.From(progress, progress.State, rate);
    }

    private static CampaignView ToView(Campaign campaign, CampaignProgress progress, DialingRate rate)
    {
        return new CampaignView(campaign.Id, campaign.Name, campaign.State.ToName(), campaign.Settings.Schedule.TimeZoneId, campaign.Settings,
            campaign.CreatedAt, campaign.UpdatedAt, ProgressView.From(progress, campaign.State, rate));
    }
}
