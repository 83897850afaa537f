using AutoDialer.PostgreSql.Dialing;
using Microsoft.Extensions.Options;

namespace AutoDialer.Dialing;

/// <summary>
/// The running campaigns and their settings, re-read at most every <see cref="DialingOptions.CampaignRefresh"/>.
/// Staleness is harmless: the lease re-checks the campaign's state in its own transaction, so a pause still stops
/// the next dial at once; a campaign just started is picked up within the refresh interval. Measured on the wall
/// clock (not the dialer's TimeProvider, which a simulation may accelerate): the point is to spare the database.
/// </summary>
public sealed class RunningCampaigns(DispatchStore store, IOptions<DialingOptions> options)
{
    private static readonly TimeProvider WallClock = TimeProvider.System;

    private readonly SemaphoreSlim refresh = new(1, 1);
    private IReadOnlyList<RunningCampaign> campaigns = [];
    private long readAt = long.MinValue;

    public async Task<IReadOnlyList<RunningCampaign>> CurrentAsync(CancellationToken cancellationToken)
    {
        if (WallClock.GetElapsedTime(readAt) < options.Value.CampaignRefresh && readAt != long.MinValue)
            return campaigns;
        await refresh.WaitAsync(cancellationToken);
        try
        {
            if (readAt == long.MinValue || WallClock.GetElapsedTime(readAt) >= options.Value.CampaignRefresh)
            {
                campaigns = await store.RunningCampaignsAsync(cancellationToken);
                readAt = WallClock.GetTimestamp();
            }
            return campaigns;
        }
        finally
        {
            refresh.Release();
        }
    }

    /// <summary>Forget the cached list, e.g. right after a campaign was started or paused on this node.</summary>
    public void Invalidate() => readAt = long.MinValue;
}
