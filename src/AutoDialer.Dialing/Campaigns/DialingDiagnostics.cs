using System.Collections.Concurrent;
using AutoDialer.Core.Campaigns;
using AutoDialer.Core.Campaigns.Holidays;
using AutoDialer.Core.Campaigns.SetUp;
using AutoDialer.Core.Dispatch;
using AutoDialer.Core.StoredWords;
using AutoDialer.Dialing.Agents;
using AutoDialer.PostgreSql.Agents;
using AutoDialer.PostgreSql.Campaigns;
using AutoDialer.Dialing.Dispatch;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AutoDialer.Dialing.Campaigns;

/// <summary>
/// "Why isn't it dialling?": the campaign's last counts by reason (<see cref="DialingDiagnosticsStore"/>), recounted in
/// the background once they are older than <see cref="DialingOptions.DiagnosticsRefresh"/> (one recount per campaign at
/// a time), and the faults that hold the whole campaign back (<see cref="SetUpDiagnosis"/>), read from the cluster's
/// directory whichever node answers: which accounts the dialling nodes serve (<see cref="ProviderAccountDirectory"/>) and
/// which of the campaign's agents have a page connected on any node and can take a call (<see cref="SeenAgents"/>).
/// Contacts that could be dialled but find no agent able to take a call are counted as <see cref="DialDiagnosis.NoAgentIdle"/>.
/// </summary>
internal sealed class DialingDiagnostics(
    DialingDiagnosticsStore store,
    CampaignStore campaigns,
    FrequencyCapsInForce caps,
    AgentBoard agents,
    ProviderAccountDirectory accounts,
    SeenAgents seenAgents,
    HolidayCalendars calendars,
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

        var settings = campaign.Settings.WithCalendarFrom(calendars);
        var account = await accounts.FindAsync(settings.ProviderAccount, now, cancellationToken);
        var pages = account is { Bridge: true }
            ? await seenAgents.PresenceAsync(settings.ProviderAccount, settings.AgentIds, now, cancellationToken)
            : [];
        // Pages say for their agents, on whichever node; agents inside a dialling process (the simulator) only that node knows.
        var idle = account is { Bridge: true }
            ? pages.Count(p => p.CanTakeCall)
            : agents.Snapshot().Count(a => a.ProviderAccount == settings.ProviderAccount && a.State == AgentState.Idle && settings.AgentIds.Contains(a.AgentId));
        var faults = SetUpDiagnosis.Find(new SetUpFacts(settings,
            account is null ? null : new AccountFacts(account.Bridge, account.Circuit == "open", account.CircuitReason),
            pages.Select(p => new AgentFacts(p.AgentId, p.UnavailableReason)).ToList(), now)
        {
            RecentMakeCalls = await store.RecentMakeCallsAsync(campaign.Id, now - SetUpDiagnosis.MakeCallWindow, cancellationToken),
        });
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
            await store.RefusalsAsync(campaign.Id, cancellationToken), faults);
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
