using AutoDialer.PostgreSql.Dispatch;
using Microsoft.Extensions.Options;

namespace AutoDialer.Dialing.Dispatch;

/// <summary>
/// The running campaigns and their settings, re-read at most every <see cref="DialingOptions.CampaignRefresh"/>.
/// Staleness is harmless: the lease re-checks the campaign's state in its own transaction, so a pause still stops
/// the next dial at once; a campaign just started is picked up within the refresh interval. Measured on the wall
/// clock (not the dialer's TimeProvider, which a simulation may accelerate): the point is to spare the database.
/// </summary>
internal sealed class RunningCampaigns(DispatchStore store, IOptions<DialingOptions> options) : IDisposable
{
    private static readonly TimeProvider WallClock = TimeProvider.System;

    private readonly SemaphoreSlim _refresh = new(1, 1);
    private IReadOnlyList<RunningCampaign> _campaigns = [];
    private long _readAt = long.MinValue;

    public async Task<IReadOnlyList<RunningCampaign>> CurrentAsync(CancellationToken cancellationToken)
    {
        if (WallClock.GetElapsedTime(_readAt) < options.Value.CampaignRefresh && _readAt != long.MinValue)
            return _campaigns;
        await _refresh.WaitAsync(cancellationToken);
        try
        {
            if (_readAt == long.MinValue || WallClock.GetElapsedTime(_readAt) >= options.Value.CampaignRefresh)
            {
                _campaigns = await store.RunningCampaignsAsync(cancellationToken);
                _readAt = WallClock.GetTimestamp();
            }
            return _campaigns;
        }
        finally
        {
            _refresh.Release();
        }
    }

    /// <summary>Forget the cached list, e.g. right after a campaign was started or paused on this node.</summary>
    public void Invalidate() => _readAt = long.MinValue;

    public void Dispose() => _refresh.Dispose();
}
