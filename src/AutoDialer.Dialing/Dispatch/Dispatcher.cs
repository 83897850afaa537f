using System.Collections.Concurrent;
using AutoDialer.Core;
using AutoDialer.Core.Dispatch;
using AutoDialer.Core.Events;
using AutoDialer.Core.StoredWords;
using AutoDialer.Core.Telephony;
using AutoDialer.Dialing.Agents;
using AutoDialer.Dialing.Settlement;
using AutoDialer.Dialing.Telephony;
using AutoDialer.PostgreSql.Dispatch;
using AutoDialer.PostgreSql.Settlement;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AutoDialer.Dialing.Dispatch;

/// <summary>
/// Progressive dispatch for one idle agent: lease the next due contact of a campaign the agent works on (the attempt
/// is written first, its id is the business id), select the caller number's trunk on the agent if it differs, ask the
/// dial gate again, and place the call. Make-call is never retried: a timeout leaves the attempt unknown for events or
/// the sweeper. Every decision is made here or in the Core rules called from here (<see cref="LeasePlanner"/>,
/// <see cref="DialGate"/>, <see cref="ContactMove"/>); <see cref="DispatchStore"/> only reads facts and writes plans.
/// </summary>
internal sealed class Dispatcher(
    DispatchStore store,
    AttemptSettler settler,
    RunningCampaigns campaigns,
    FrequencyCapsInForce caps,
    ProviderResiliences resiliences,
    AgentBoard board,
    AutoDialerTelemetry telemetry,
    TimeProvider timeProvider,
    IOptions<DialingOptions> options,
    ILogger<Dispatcher> logger)
{
    private readonly ConcurrentDictionary<(string Account, string Agent), byte> _dispatching = new();
    private readonly ConcurrentDictionary<(string Account, string Agent), string> _selectedTrunk = new();
    private readonly ConcurrentDictionary<(string Account, string Agent), IReadOnlyList<NumberSource>> _trunks = new();

    /// <summary>
    /// Dispatches for a batch of idle agents: one lease transaction per campaign for all the agents that work on it
    /// (so the database cost is shared, not paid per agent), then every call placed at once. Returns what happened to
    /// each trigger, in order.
    /// </summary>
    public async Task<IReadOnlyList<DispatchOutcome>> DispatchAsync(IReadOnlyList<DispatchTrigger> triggers, CancellationToken cancellationToken)
    {
        var outcomes = new DispatchOutcome[triggers.Count];
        var mine = new List<int>();
        for (var i = 0; i < triggers.Count; i++)
        {
            if (_dispatching.TryAdd(KeyOf(triggers[i]), 0)) mine.Add(i);
            else outcomes[i] = DispatchOutcome.AlreadyDispatching;
        }
        try
        {
            foreach (var account in mine.GroupBy(i => triggers[i].CallCenter))
                await DispatchAccountAsync(account.Key, account.Select(i => (Index: i, Trigger: triggers[i])).ToList(), outcomes, cancellationToken);
        }
        finally
        {
            foreach (var i in mine) _dispatching.TryRemove(KeyOf(triggers[i]), out _);
        }
        return outcomes;
    }

    private async Task DispatchAccountAsync(ICallCenter center, List<(int Index, DispatchTrigger Trigger)> waiting, DispatchOutcome[] outcomes,
        CancellationToken cancellationToken)
    {
        var resilience = resiliences.For(center.AccountId);
        var ready = new Dictionary<string, (int Index, DispatchTrigger Trigger, IAgentSession Session)>(StringComparer.Ordinal);
        foreach (var (index, trigger) in waiting)
        {
            if (resilience.DispatchPaused) outcomes[index] = DispatchOutcome.CircuitOpen;
            else if (center.FindSession(trigger.AgentId) is not { } session) outcomes[index] = DispatchOutcome.NoSession;
            // Busy, on break, unregistered, device offline, …: nothing is leased for an agent whose vendor says it cannot take a call.
            else if (session.Availability is { CanTakeCall: false }) outcomes[index] = DispatchOutcome.AgentUnavailable;
            else if (!ready.TryAdd(trigger.AgentId, (index, trigger, session))) outcomes[index] = DispatchOutcome.AlreadyDispatching;
            else outcomes[index] = DispatchOutcome.NothingDue;
        }
        if (ready.Count == 0) return;

        // Each running campaign in turn leases for those of its agents that are still without work, longest idle first.
        var leases = new List<DialLease>();
        var unserved = ready.Keys.ToHashSet(StringComparer.Ordinal);
        foreach (var campaign in await campaigns.CurrentAsync(cancellationToken))
        {
            if (unserved.Count == 0) break;
            if (campaign.Settings.ProviderAccount != center.AccountId) continue;
            var agents = ready.Values.Where(r => unserved.Contains(r.Trigger.AgentId) && campaign.Settings.AgentIds.Contains(r.Trigger.AgentId))
                .OrderBy(r => r.Trigger.IdleSince).Select(r => r.Trigger.AgentId).ToList();
            if (agents.Count == 0) continue;
            var leased = await LeaseAsync(store, campaign, caps.For(campaign.Settings), center.AccountId, agents, options.Value.Node,
                timeProvider.GetUtcNow(), cancellationToken);
            foreach (var lease in leased) unserved.Remove(lease.AgentId);
            leases.AddRange(leased);
        }
        telemetry.CountDecisions(center.AccountId, ready.Count);
        if (leases.Count == 0) return;

        // Trunks first (selection may take a while with retries), then the gate's second word for the whole batch in one
        // round trip, then the calls: whatever changed meanwhile (pause, do-not-call, budget, window) is seen before dialling.
        var sources = await Task.WhenAll(leases.Select(lease =>
            SelectTrunkAsync(resilience, ready[lease.AgentId].Session, (center.AccountId, lease.AgentId), lease.CallerDialString, cancellationToken)));
        var sourceOf = leases.Zip(sources).ToDictionary(p => p.First.AttemptId, p => p.Second);
        var now = timeProvider.GetUtcNow();
        // No call under this fence may start after this: the fence outlives it by DialFence.IdleGrace even if this node
        // freezes now, and the page is sent it (not a fresh timeout after the trunk selection).
        var deadline = now + options.Value.MakeCallTimeout;
        var (rechecks, fence) = await store.RecheckAsync(leases, now, options.Value.MakeCallTimeout, cancellationToken);
        (DialLease Lease, VendorResult<MakeCallAccepted> Result)[] results;
        // Held until the calls are answered: a do-not-call addition, pause or settings change made meanwhile waits for
        // them, so once it has answered no call it forbids starts.
        await using (fence)
        {
            var verdicts = leases.Zip(rechecks, (lease, recheck) => Recheck(lease, recheck, now)).ToList();
            var refused = leases.Zip(verdicts).Where(p => p.Second is DialVerdict.Refused).Select(p => (Lease: p.First, Verdict: (DialVerdict.Refused)p.Second)).ToList();
            if (refused.Count > 0)
            {
                // Given back before anything was dialled: the contact gets its attempt back and goes where the refusal says.
                await store.ReleaseAsync(refused.Select(r => (r.Lease, ContactMove.Refusing(r.Lease.ContactId, r.Verdict, refund: true))).ToList(),
                    CancellationToken.None);
                foreach (var (lease, verdict) in refused)
                {
                    outcomes[ready[lease.AgentId].Index] = DispatchOutcome.Refused;
                    logger.LogInformation("Attempt {AttemptId} released before dialling: {Reason}", lease.AttemptId, verdict.Reason.ToName());
                }
                leases = leases.Zip(verdicts).Where(p => p.Second is DialVerdict.Allowed).Select(p => p.First).ToList();
                if (leases.Count == 0) return;
            }

            results = await Task.WhenAll(leases.Select(lease =>
                PlaceAsync(center.AccountId, resilience, ready[lease.AgentId].Session, ready[lease.AgentId].Trigger, lease, sourceOf[lease.AttemptId], deadline,
                    cancellationToken)));
        }
        await store.MarkPlacedAsync(results.Where(r => r.Result.IsSuccess).Select(r => (r.Lease.AttemptId, r.Result.Data?.CallId)).ToList(),
            CancellationToken.None);
        foreach (var (lease, result) in results)
            outcomes[ready[lease.AgentId].Index] = result.IsSuccess ? DispatchOutcome.Dialled : await RecordFailureAsync(lease, result);
    }

    private async Task<(DialLease Lease, VendorResult<MakeCallAccepted> Result)> PlaceAsync(string account, ProviderResilience resilience,
        IAgentSession session, DispatchTrigger trigger, DialLease lease, NumberSourceRef? source, DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        if (timeProvider.GetUtcNow() >= deadline)
        {
            // This node stalled (froze, paused, starved) past the fence's deadline: the fence may be gone and a change it
            // held back already answered, so nothing is dialled under it.
            return (lease, VendorResult<MakeCallAccepted>.Failure(VendorCodes.DeadlinePassed, "the dial fence's deadline passed before the make-call was sent"));
        }
        board.Dialling(account, lease.AgentId, lease.AttemptId, lease.Phone);
        // The trunk is named by its list id, as selected above: the session selects it again only if that selection failed.
        var request = new MakeCallRequest(lease.DialString, lease.AttemptId.ToString(System.Globalization.CultureInfo.InvariantCulture), lease.CallerDialString,
            source, deadline);
        var result = await resilience.MakeCallAsync(session, request, cancellationToken);
        telemetry.RecordIdleToMakeCall(account, timeProvider.GetUtcNow() - trigger.IdleSince);
        return (lease, result);
    }

    /// <summary>
    /// One lease for <paramref name="agentIds"/> (idle agents of one account, all assigned to <paramref name="campaign"/>),
    /// in one transaction of four round trips whatever their number (a page more for each page the gate refused): the facts read and locked, the plan made by <see cref="LeasePlanner"/>, the plan written.
    /// Agents left out got nothing (busy elsewhere, or nothing the gate lets through); the order of
    /// <paramref name="agentIds"/> is the order of service. Static, so that the store's own tests lease as the engine does.
    /// </summary>
    public static async Task<IReadOnlyList<DialLease>> LeaseAsync(DispatchStore store, RunningCampaign campaign, FrequencyCaps caps,
        string providerAccount, IReadOnlyList<string> agentIds, string node, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var agents = agentIds.Distinct().ToArray();
        if (agents.Length == 0) return [];
        var settings = campaign.Settings;
        // Locked when the choice depends on the numbers' use, so caps and cooldowns hold across nodes.
        var callerNumbers = settings.CallerNumbers.Count == 0 ? CallerNumberRead.None
            : settings.Rotation.ChoosesByUse(settings.CallerNumbers) ? CallerNumberRead.Lock
            : CallerNumberRead.Read;
        await using var lease = await store.BeginLeaseAsync(campaign.Id, providerAccount, agents, now, callerNumbers, cancellationToken);
        if (!lease.CampaignRunning)
            return [];

        var facts = new LeaseFacts(campaign.Id, settings, caps, lease.FreeAgents, lease.AttemptIds, lease.CallerNumbers, now);
        var pages = new List<CandidatePage>();
        var (candidates, limit) = (lease.DueContacts, agents.Length);
        while (true)
        {
            // Each callee's lock, whether it is in a live call of any campaign, and its recent dials (for the caps): a
            // callee locked by another lease or in a live call is skipped. A contact on the do-not-call list is refused
            // whatever its dials, so its callee is not locked.
            var dials = await lease.LockCalleesAsync(candidates.Where(c => !c.OnDoNotCall).Select(c => c.Phone).Distinct(StringComparer.Ordinal).ToList(),
                now - caps.Lookback, cancellationToken);
            pages.Add(new CandidatePage(limit, candidates, dials));
            var plan = LeasePlanner.Plan(facts, pages);
            if (plan.NextPage is not { } next)
            {
                await lease.WriteAsync(plan, node, cancellationToken);
                return plan.Leases;
            }
            // Some were refused and agents are left: look further, past what was seen.
            (candidates, limit) = (await lease.ReadDueContactsAsync(next, cancellationToken), next.Limit);
        }
    }

    /// <summary>
    /// The gate's second word on one lease, judged on what was read just now as if the lease were not yet made, with the
    /// caller number the lease chose; a lease whose attempt or campaign is gone is refused (nothing is dialled for it).
    /// </summary>
    private DialVerdict Recheck(DialLease lease, LeaseRecheck? recheck, DateTimeOffset now)
    {
        if (recheck is null)
            return new DialVerdict.Refused(DialRefusal.CampaignNotRunning);
        var settings = recheck.Settings;
        var callerNumber = settings.CallerNumbers.FirstOrDefault(n => n.Id == lease.CallerNumberId)?.Number;
        return DialGate.Check(recheck.BeforeLease(), settings.Retry, settings.Schedule, caps.For(settings), now, callerNumber);
    }

    private static (string Account, string Agent) KeyOf(DispatchTrigger trigger) => (trigger.CallCenter.AccountId, trigger.AgentId);

    private async Task<DispatchOutcome> RecordFailureAsync(DialLease lease, VendorResult<MakeCallAccepted> result)
    {
        var agentId = lease.AgentId;
        if (result.Code is VendorCodes.Timeout or VendorCodes.NoSession)
        {
            // The request may have reached the phone: never redial blindly. Events or the sweeper will tell.
            logger.LogWarning("Make-call for attempt {AttemptId} (agent {AgentId}) got no answer ({Code}); left unknown", lease.AttemptId, agentId, result.Code);
            await store.MarkUnknownAsync(lease.AttemptId, result.Code, result.Message, CancellationToken.None);
            return DispatchOutcome.Unknown;
        }

        // Refused before anything rang — because of the agent, of our request, or by our own open circuit: the contact
        // gets its attempt back. A refused request would be refused again at once, so that contact waits a while.
        var kind = MakeCallFailures.Classify(result);
        var notDialled = MakeCallFailures.NotDialled(kind);
        var classified = CallOutcomeClassifier.FromMakeCallFailure(result);
        logger.LogInformation("Make-call for attempt {AttemptId} failed: {Code} {Message}", lease.AttemptId, result.Code, result.Message);
        await settler.SettleAsync(
            [new AttemptSettlement(lease.AttemptId, classified.Outcome, VendorCode: result.Code, VendorMessage: result.Message, NotDialled: notDialled)
                { NotDialledDueLater = kind == MakeCallFailureKind.RequestRefused }],
            timeProvider.GetUtcNow(), CancellationToken.None);
        return DispatchOutcome.Failed;
    }

    /// <summary>
    /// Chooses the trunk that carries the caller number on the agent's session, when it is not the selected one; returns
    /// it by its list id (null when no listed trunk carries the number).
    /// </summary>
    private async Task<NumberSourceRef?> SelectTrunkAsync(ProviderResilience resilience, IAgentSession session, (string, string) key, string? callerNumber, CancellationToken cancellationToken)
    {
        if (callerNumber is null) return null;
        if (!_trunks.TryGetValue(key, out var sources))
        {
            var listed = await resilience.ReadAsync(ct => session.GetNumberPoolAndSpNumAsync(NumberSourceType.TrunkNumber, ct), cancellationToken);
            sources = listed is { IsSuccess: true, Data: { } data } ? data.List : [];
            _trunks[key] = sources;
        }
        var trunk = sources.FirstOrDefault(s => s.Numbers.Contains(callerNumber, StringComparer.Ordinal));
        if (trunk is null) return null;
        var source = new NumberSourceRef(NumberSourceType.TrunkNumber, trunk.Id);
        if (_selectedTrunk.TryGetValue(key, out var current) && current == trunk.Id)
            return source;
        var selected = await resilience.ReadAsync(ct => session.SetSpNumberPoolNumAsync(NumberSourceType.TrunkNumber, trunk.Id, ct), cancellationToken);
        if (selected.IsSuccess)
            _selectedTrunk[key] = trunk.Id;
        return source;
    }

    /// <summary>Forgets what was cached about an agent's session (it reconnected and may have new number sources).</summary>
    public void ForgetSession(string account, string agentId)
    {
        _trunks.TryRemove((account, agentId), out _);
        _selectedTrunk.TryRemove((account, agentId), out _);
    }
}
