using System.Collections.Concurrent;
using AutoDialer.Core;
using AutoDialer.Core.Dispatch;
using AutoDialer.Core.Events;
using AutoDialer.Core.StoredWords;
using AutoDialer.Core.Telemetry;
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
    DialsInFlight inFlight,
    AutoDialerTelemetry telemetry,
    TimeProvider timeProvider,
    IOptions<DialingOptions> options,
    ILogger<Dispatcher> logger)
{
    private readonly ConcurrentDictionary<(string Account, string Agent), byte> _dispatching = new();
    private readonly ConcurrentDictionary<(string Account, string Agent), string> _selectedTrunk = new();
    private readonly ConcurrentDictionary<(string Account, string Agent), IReadOnlyList<NumberSource>> _trunks = new();
    private readonly ConcurrentDictionary<long, AttemptSettlement> _givingBack = new();

    /// <summary>
    /// Dispatches for a batch of idle agents: one lease transaction per campaign for all the agents that work on it
    /// (so the database cost is shared, not paid per agent), then every call placed at once. Returns what happened to
    /// each trigger, in order.
    /// </summary>
    public async Task<IReadOnlyList<DispatchOutcome>> DispatchAsync(IReadOnlyList<DispatchTrigger> triggers, CancellationToken cancellationToken)
    {
        if (!_givingBack.IsEmpty)
            await GiveBackAsync(_givingBack.Values.ToList());
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
        using var span = AutoDialerTelemetry.Tracing.StartActivity("autodialer.dispatch")?.SetTag(AutoDialerTelemetry.AccountTag, center.AccountId);
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
                timeProvider.GetUtcNow(), cancellationToken, telemetry);
            foreach (var lease in leased) unserved.Remove(lease.AgentId);
            leases.AddRange(leased);
        }
        telemetry.CountDecisions(center.AccountId, ready.Count);
        if (leases.Count == 0) return;

        // From here until each make-call is sent, whatever throws (a database blip in the recheck or the release, a
        // vendor read that fails in an unexpected way, the node stopping) gives the attempts not yet sent back as not
        // dialled, with their budget: never a leased attempt that blocks its agent and later spends budget as unknown.
        inFlight.Hold(leases.Select(l => l.AttemptId));
        var unsent = new ConcurrentDictionary<long, DialLease>(leases.ToDictionary(l => l.AttemptId));
        try
        {
            await CheckAndPlaceAsync(center, resilience, ready, leases, unsent, outcomes, cancellationToken);
        }
        catch (Exception e) when (!unsent.IsEmpty)
        {
            foreach (var lease in unsent.Values) outcomes[ready[lease.AgentId].Index] = DispatchOutcome.GivenBack;
            logger.LogWarning(e, "Dispatch failed after the lease and before make-call; giving back {Count} attempts as not dialled", unsent.Count);
            await GiveBackAsync(unsent.Values.Select(lease => NotDialled(lease.AttemptId, e)).ToList());
            throw;
        }
        finally
        {
            inFlight.LetGo(leases.Select(l => l.AttemptId).Where(id => !_givingBack.ContainsKey(id)));
        }
    }

    private async Task CheckAndPlaceAsync(ICallCenter center, ProviderResilience resilience,
        Dictionary<string, (int Index, DispatchTrigger Trigger, IAgentSession Session)> ready, List<DialLease> leases,
        ConcurrentDictionary<long, DialLease> unsent, DispatchOutcome[] outcomes, CancellationToken cancellationToken)
    {
        // Trunks first (selection may take a while with retries), then the gate's second word for the whole batch in one
        // round trip, then the calls: whatever changed meanwhile (pause, do-not-call, budget, window) is seen before dialling.
        var sources = await Task.WhenAll(leases.Select(lease =>
            SelectTrunkAsync(resilience, ready[lease.AgentId].Session, (center.AccountId, lease.AgentId), lease.CallerDialString, cancellationToken)));
        var sourceOf = leases.Zip(sources).ToDictionary(p => p.First.AttemptId, p => p.Second);
        var now = timeProvider.GetUtcNow();
        // No call under this fence may start after this: the fence outlives it by DialFence.IdleGrace even if this node
        // freezes now, and the page is sent it (not a fresh timeout after the trunk selection).
        var deadline = now + options.Value.MakeCallTimeout;
        using var recheckSpan = AutoDialerTelemetry.StartAttemptsSpan("autodialer.dispatch.check_and_place", leases);
        var (rechecks, fence) = await store.RecheckAsync(leases, now, options.Value.MakeCallTimeout, cancellationToken);
        (DialLease Lease, VendorResult<MakeCallAccepted> Result)[] results;
        // Held until the calls are answered: a do-not-call addition, pause or settings change made meanwhile waits for
        // them, so once it has answered no call it forbids starts.
        await using (fence)
        {
            // An attempt settled while it waited (the stale sweeper judged it) is never dialled, and not given back
            // either: its settlement already moved its contact.
            var settled = leases.Zip(rechecks).Where(p => p.Second is { StillToDial: false }).Select(p => p.First).ToList();
            foreach (var lease in settled)
            {
                unsent.TryRemove(lease.AttemptId, out _);
                outcomes[ready[lease.AgentId].Index] = DispatchOutcome.SettledMeanwhile;
                logger.LogWarning("Attempt {AttemptId} was settled while it waited for its make-call; not dialled", lease.AttemptId);
            }
            (leases, rechecks) = (leases.Zip(rechecks).Where(p => p.Second is not { StillToDial: false }).Select(p => p.First).ToList(),
                rechecks.Where(r => r is not { StillToDial: false }).ToList());

            var verdicts = leases.Zip(rechecks, (lease, recheck) => Recheck(lease, recheck, now)).ToList();
            var refused = leases.Zip(verdicts).Where(p => p.Second is DialVerdict.Refused).Select(p => (Lease: p.First, Verdict: (DialVerdict.Refused)p.Second)).ToList();
            if (refused.Count > 0)
            {
                // Given back before anything was dialled: the contact gets its attempt back and goes where the refusal says.
                await store.ReleaseAsync(refused.Select(r => (r.Lease, ContactMove.Refusing(r.Lease.ContactId, r.Verdict, refund: true))).ToList(),
                    CancellationToken.None);
                foreach (var (lease, verdict) in refused)
                {
                    unsent.TryRemove(lease.AttemptId, out _);
                    outcomes[ready[lease.AgentId].Index] = DispatchOutcome.Refused;
                    telemetry.CountGateRefusal(center.AccountId, verdict.Reason);
                    logger.LogInformation("Attempt {AttemptId} released before dialling: {Reason}", lease.AttemptId, verdict.Reason.ToName());
                }
                leases = leases.Zip(verdicts).Where(p => p.Second is DialVerdict.Allowed).Select(p => p.First).ToList();
            }
            if (leases.Count == 0) return;

            results = await Task.WhenAll(leases.Select(lease =>
                PlaceAsync(center.AccountId, resilience, ready[lease.AgentId].Session, ready[lease.AgentId].Trigger, lease, sourceOf[lease.AttemptId], deadline, unsent,
                    cancellationToken)));
        }
        try
        {
            await store.MarkPlacedAsync(results.Where(r => r.Result.IsSuccess).Select(r => (r.Lease.AttemptId, r.Result.Data?.CallId)).ToList(),
                CancellationToken.None);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The calls were placed: nothing to give back. They stay dialing, and their events (or the stale sweeper,
            // asking the provider, since no dispatch holds them any more) settle them.
            logger.LogWarning(e, "Recording {Count} placed calls failed; their events will settle them", results.Count(r => r.Result.IsSuccess));
        }
        foreach (var (lease, result) in results)
        {
            try
            {
                outcomes[ready[lease.AgentId].Index] = result.IsSuccess ? DispatchOutcome.Dialled : await RecordFailureAsync(lease, result);
            }
            catch (Exception e)
            {
                // It may have rung: left to its events or the stale sweeper (no dispatch holds it any more).
                outcomes[ready[lease.AgentId].Index] = DispatchOutcome.Unknown;
                logger.LogWarning(e, "Recording the make-call result of attempt {AttemptId} failed; its events or the stale sweeper will settle it", lease.AttemptId);
            }
        }
    }

    /// <summary>
    /// Settles <paramref name="notDialled"/> as not dialled (the contact gets its attempt back and is due again, the agent
    /// is free). If that fails too, they stay held here and are tried again at the next dispatch, so the stale sweeper
    /// does not settle them as unknown meanwhile.
    /// </summary>
    private async Task GiveBackAsync(IReadOnlyList<AttemptSettlement> notDialled)
    {
        try
        {
            await settler.SettleAsync(notDialled, timeProvider.GetUtcNow(), CancellationToken.None);
            foreach (var settlement in notDialled) _givingBack.TryRemove(settlement.AttemptId, out _);
            inFlight.LetGo(notDialled.Select(s => s.AttemptId));
        }
        catch (Exception e)
        {
            foreach (var settlement in notDialled) _givingBack[settlement.AttemptId] = settlement;
            inFlight.Hold(notDialled.Select(s => s.AttemptId));
            logger.LogError(e, "Giving back {Count} attempts that were not dialled failed; trying again at the next dispatch", notDialled.Count);
        }
    }

    private static AttemptSettlement NotDialled(long attemptId, Exception cause) =>
        new(attemptId, CallOutcome.Failed, VendorCode: VendorCodes.DispatchFailed,
            VendorMessage: $"dispatch failed before make-call ({cause.GetType().Name}: {cause.Message}); nothing was dialled", NotDialled: true);

    private async Task<(DialLease Lease, VendorResult<MakeCallAccepted> Result)> PlaceAsync(string account, ProviderResilience resilience,
        IAgentSession session, DispatchTrigger trigger, DialLease lease, NumberSourceRef? source, DateTimeOffset deadline,
        ConcurrentDictionary<long, DialLease> unsent, CancellationToken cancellationToken)
    {
        if (timeProvider.GetUtcNow() >= deadline)
        {
            // This node stalled (froze, paused, starved) past the fence's deadline: the fence may be gone and a change it
            // held back already answered, so nothing is dialled under it (its failure is recorded as not asked).
            unsent.TryRemove(lease.AttemptId, out _);
            return (lease, VendorResult<MakeCallAccepted>.Failure(VendorCodes.DeadlinePassed, "the dial fence's deadline passed before the make-call was sent"));
        }
        board.Dialling(account, lease.AgentId, lease.AttemptId, lease.Phone);
        // The trunk is named by its list id, as selected above: the session selects it again only if that selection failed.
        var request = new MakeCallRequest(lease.DialString, lease.AttemptId.ToString(System.Globalization.CultureInfo.InvariantCulture), lease.CallerDialString,
            source, deadline);
        // From here the request may reach the phone: never given back as not dialled.
        unsent.TryRemove(lease.AttemptId, out _);
        VendorResult<MakeCallAccepted> result;
        using var span = AutoDialerTelemetry.Tracing.StartActivity("autodialer.make_call")?.SetTag(AutoDialerTags.Attempt, lease.AttemptId);
        try
        {
            result = await resilience.MakeCallAsync(session, request, cancellationToken);
        }
        catch (Exception e)
        {
            // Whether it rang is unknown, as after a timeout: events or the sweeper will tell.
            result = VendorResult<MakeCallAccepted>.Failure(VendorCodes.Timeout, $"make-call failed: {e.GetType().Name}: {e.Message}");
        }
        telemetry.RecordIdleToMakeCall(account, timeProvider.GetUtcNow() - trigger.IdleSince);
        telemetry.CountMakeCall(account, result);
        return (lease, result);
    }

    /// <summary>
    /// One lease for <paramref name="agentIds"/> (idle agents of one account, all assigned to <paramref name="campaign"/>),
    /// in one transaction of four round trips whatever their number (a page more for each page the gate refused): the facts read and locked, the plan made by <see cref="LeasePlanner"/>, the plan written.
    /// Agents left out got nothing (busy elsewhere, or nothing the gate lets through); the order of
    /// <paramref name="agentIds"/> is the order of service. Static, so that the store's own tests lease as the engine does.
    /// </summary>
    public static async Task<IReadOnlyList<DialLease>> LeaseAsync(DispatchStore store, RunningCampaign campaign, FrequencyCaps caps,
        string providerAccount, IReadOnlyList<string> agentIds, string node, DateTimeOffset now, CancellationToken cancellationToken,
        AutoDialerTelemetry? telemetry = null)
    {
        var agents = agentIds.Distinct().ToArray();
        if (agents.Length == 0) return [];
        using var span = AutoDialerTelemetry.Tracing.StartActivity("autodialer.dispatch.lease")?.SetTag(AutoDialerTags.Campaign, campaign.Id);
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
                telemetry?.CountGateRefusals(providerAccount, plan.Moves);
                AutoDialerTelemetry.TagAttempts(span, plan.Leases);
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
        var settlement = new AttemptSettlement(lease.AttemptId, classified.Outcome, VendorCode: result.Code, VendorMessage: result.Message, NotDialled: notDialled)
            { NotDialledDueLater = kind == MakeCallFailureKind.RequestRefused };
        if (notDialled)
            await GiveBackAsync([settlement]); // retried at the next dispatch if the database is away now
        else
            await settler.SettleAsync([settlement], timeProvider.GetUtcNow(), CancellationToken.None);
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
