using System.Collections.Concurrent;
using AutoDialer.Core.Dialing;
using AutoDialer.Core.Telephony;
using AutoDialer.PostgreSql.Dialing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AutoDialer.AspNetCore.Dialing;

/// <summary>
/// Progressive dispatch for one idle agent: lease the next due contact of a campaign the agent works on (the attempt
/// is written first, its id is the business id), select the caller number's trunk on the agent if it differs, and
/// place the call. Make-call is never retried: a timeout leaves the attempt unknown for events or the sweeper.
/// </summary>
public sealed class Dispatcher(
    DispatchStore store,
    SettlementStore settlements,
    RunningCampaigns campaigns,
    ProviderResiliences resiliences,
    AgentBoard board,
    DispatchLatency latency,
    TimeProvider timeProvider,
    IOptions<DialingOptions> options,
    ILogger<Dispatcher> logger)
{
    private readonly ConcurrentDictionary<(string Account, string Agent), byte> dispatching = new();
    private readonly ConcurrentDictionary<(string Account, string Agent), string> selectedTrunk = new();
    private readonly ConcurrentDictionary<(string Account, string Agent), IReadOnlyList<NumberSource>> trunks = new();

    public async Task<DispatchOutcome> DispatchAsync(DispatchTrigger trigger, CancellationToken cancellationToken)
    {
        var center = trigger.CallCenter;
        var key = (center.AccountId, trigger.AgentId);
        if (!dispatching.TryAdd(key, 0))
            return DispatchOutcome.AlreadyDispatching;
        try
        {
            var resilience = resiliences.For(center.AccountId);
            if (resilience.DispatchPaused)
                return DispatchOutcome.CircuitOpen;
            var session = center.FindSession(trigger.AgentId);
            if (session is null)
                return DispatchOutcome.NoSession;

            DialLease? lease = null;
            foreach (var campaign in await campaigns.ForAgentAsync(center.AccountId, trigger.AgentId, cancellationToken))
            {
                lease = await store.LeaseAsync(campaign, center.AccountId, trigger.AgentId, options.Value.Node, timeProvider.GetUtcNow(), cancellationToken);
                if (lease is not null) break;
            }
            latency.RecordDecision();
            if (lease is null)
                return DispatchOutcome.NothingDue;

            board.Dialling(center.AccountId, trigger.AgentId, lease.AttemptId, lease.Phone);
            await SelectTrunkAsync(resilience, session, key, lease.CallerDialString, cancellationToken);
            var request = new MakeCallRequest(lease.DialString, lease.AttemptId.ToString(System.Globalization.CultureInfo.InvariantCulture), lease.CallerDialString);
            var result = await resilience.MakeCallAsync(session, request, cancellationToken);
            latency.Record(timeProvider.GetUtcNow() - trigger.IdleSince);
            return await RecordAsync(lease, trigger.AgentId, result, cancellationToken);
        }
        finally
        {
            dispatching.TryRemove(key, out _);
        }
    }

    private async Task<DispatchOutcome> RecordAsync(DialLease lease, string agentId, VendorResult<MakeCallAccepted> result, CancellationToken cancellationToken)
    {
        if (result.IsSuccess)
        {
            await store.MarkPlacedAsync(lease.AttemptId, result.Data?.CallId, CancellationToken.None);
            return DispatchOutcome.Dialled;
        }
        if (result.Code is VendorCodes.Timeout or VendorCodes.NoSession)
        {
            // The request may have reached the phone: never redial blindly. Events or the sweeper will tell.
            logger.LogWarning("Make-call for attempt {AttemptId} (agent {AgentId}) got no answer ({Code}); left unknown", lease.AttemptId, agentId, result.Code);
            await store.MarkUnknownAsync(lease.AttemptId, result.Code, result.Message, CancellationToken.None);
            return DispatchOutcome.Unknown;
        }

        // Refused before anything rang: a busy agent or our own open circuit gives the contact its attempt back.
        var notDialled = result.Code is VendorCodes.AgentNotIdle or ProviderResilience.CircuitOpenCode;
        var classified = CallOutcomeClassifier.FromMakeCallFailure(result);
        logger.LogInformation("Make-call for attempt {AttemptId} failed: {Code} {Message}", lease.AttemptId, result.Code, result.Message);
        await settlements.SettleAsync(
            [new Settlement(lease.AttemptId, CallOutcomes.Parse(classified.Outcome), VendorCode: result.Code, VendorMessage: result.Message, NotDialled: notDialled)],
            timeProvider.GetUtcNow(), CancellationToken.None);
        return DispatchOutcome.Failed;
    }

    /// <summary>Chooses the trunk that carries the caller number on the agent's session, when it is not the selected one.</summary>
    private async Task SelectTrunkAsync(ProviderResilience resilience, IAgentSession session, (string, string) key, string? callerNumber, CancellationToken cancellationToken)
    {
        if (callerNumber is null) return;
        if (!trunks.TryGetValue(key, out var sources))
        {
            var listed = await resilience.ReadAsync(ct => session.GetNumberPoolAndSpNumAsync(NumberSourceType.TrunkNumber, ct), cancellationToken);
            sources = listed is { IsSuccess: true, Data: { } data } ? data.List : [];
            trunks[key] = sources;
        }
        var trunk = sources.FirstOrDefault(s => s.Numbers.Contains(callerNumber, StringComparer.Ordinal));
        if (trunk is null || selectedTrunk.TryGetValue(key, out var current) && current == trunk.Id)
            return;
        var selected = await resilience.ReadAsync(ct => session.SetSpNumberPoolNumAsync(NumberSourceType.TrunkNumber, trunk.Id, ct), cancellationToken);
        if (selected.IsSuccess)
            selectedTrunk[key] = trunk.Id;
    }

    /// <summary>Forgets what was cached about an agent's session (it reconnected and may have new number sources).</summary>
    public void ForgetSession(string account, string agentId)
    {
        trunks.TryRemove((account, agentId), out _);
        selectedTrunk.TryRemove((account, agentId), out _);
    }
}
