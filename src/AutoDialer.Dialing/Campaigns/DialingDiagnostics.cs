using System.Collections.Concurrent;
using AutoDialer.Core.Campaigns;
using AutoDialer.Core.Dispatch;
using AutoDialer.Core.StoredWords;
using AutoDialer.Dialing.Agents;
using AutoDialer.PostgreSql.Campaigns;
using AutoDialer.Dialing.Dispatch;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AutoDialer.Dialing.Campaigns;

/// <summary>
/// "Why isn't it dialling?": the campaign's last counts by reason (<see cref="DialingDiagnosticsStore"/>), recounted in
/// the background once they are older than <see cref="DialingOptions.DiagnosticsRefresh"/> (one recount per campaign at
/// a time), with this node's idle agents applied: contacts that could be dialled but find no idle agent are counted
/// as <see cref="DialDiagnosis.NoAgentIdle"/>.
/// </summary>
internal sealed class DialingDiagnostics(
    DialingDiagnosticsStore store,
    CampaignStore campaigns,
    FrequencyCapsInForce caps,
    AgentBoard agents,
    TimeProvider timeProvider,
    IOptions<DialingOptions> options,
    ILogger<DialingDiagnostics> logger)
{
    private readonly ConcurrentDictionary<long, Task<DialingDiagnosticsSnapshot?>> _recounting = new();

    public async Task<DialingDiagnosticsView?> GetAsync(long campaignId, CancellationToken cancellationToken)
    {
        if (await campaigns.FindAsync(campaignId, cancellationToken) is not { } campaign) return null;
        var snapshot = await store.ReadAsync(campaignId, cancellationToken);
        var now = timeProvider.GetUtcNow();
        if (snapshot is null)
            snapshot = await RecountAsync(campaign.Id, caps.For(campaign.Settings)).WaitAsync(cancellationToken);
        else if (now - snapshot.ComputedAt > options.Value.DiagnosticsRefresh)
            _ = RecountAsync(campaign.Id, caps.For(campaign.Settings));
        if (snapshot is null) return null;

        var idle = agents.Snapshot().Count(a => a.ProviderAccount == campaign.Settings.ProviderAccount && a.State == AgentState.Idle
                                                && campaign.Settings.AgentIds.Contains(a.AgentId));
        var counts = new Dictionary<string, long>(snapshot.Counts, StringComparer.Ordinal);
        if (idle == 0 && counts.GetValueOrDefault(DialDiagnosis.Ready) is > 0 and var ready)
        {
            counts[DialDiagnosis.NoAgentIdle] = counts.GetValueOrDefault(DialDiagnosis.NoAgentIdle) + ready;
            counts[DialDiagnosis.Ready] = 0;
        }
        var blocked = DialDiagnosis.Reasons.Sum(r => counts.GetValueOrDefault(r));
        return new DialingDiagnosticsView(campaign.Id, campaign.State.ToName(), snapshot.ComputedAt,
            Math.Max(0, (now - snapshot.ComputedAt).TotalSeconds), blocked, counts.GetValueOrDefault(DialDiagnosis.Ready), idle,
            DialDiagnosis.Reasons.ToDictionary(r => r, r => counts.GetValueOrDefault(r), StringComparer.Ordinal),
            await store.RefusalsAsync(campaign.Id, cancellationToken));
    }

    private Task<DialingDiagnosticsSnapshot?> RecountAsync(long campaignId, FrequencyCaps caps)
    {
        var task = _recounting.GetOrAdd(campaignId, id => Task.Run(async () =>
        {
            try
            {
                return await store.ComputeAsync(id, caps, timeProvider.GetUtcNow(), CancellationToken.None);
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "Counting why campaign {CampaignId} is not dialling failed", id);
                return null;
            }
            finally
            {
                _recounting.TryRemove(id, out _);
            }
        }));
        return task;
    }
}
