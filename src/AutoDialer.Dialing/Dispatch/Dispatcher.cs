using System.Collections.Concurrent;
using AutoDialer.Core;
using AutoDialer.Core.Agents;
using AutoDialer.Core.Dispatch;
using AutoDialer.Core.Preview;
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
/// Dispatch for idle agents: lease the next due contact of a campaign the agent works on (the attempt is written first,
/// its id is the business id; a due callback goes to its owner first), select the caller number's trunk on the agent if
/// it differs, ask the dial gate again, show the agent's page the contact's card, and place the call. In preview mode
/// the card is offered first and the call waits for the agent's decision (<see cref="PreviewRules"/>), the contact held
/// by its offered attempt. Make-call is never retried: a timeout leaves the attempt unknown for events or the sweeper.
/// Every decision is made here or in the Core rules called from here (<see cref="LeasePlanner"/>, <see cref="DialGate"/>,
/// <see cref="ContactMove"/>, <see cref="CallCards"/>, <see cref="PreviewRules"/>); the stores only read facts and write plans.
/// </summary>
internal sealed class Dispatcher(
    DispatchStore store,
    CallCardStore cards,
    PreviewOffers offers,
    NeverSentLeases neverSent,
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
    private readonly ConcurrentDictionary<long, Task> _offers = new();

    /// <summary>Preview offers waiting for their agents on this node now.</summary>
    public int OffersOpen => _offers.Count;

    /// <summary>Raised with (account, agent) when an offer was skipped or its countdown gave the contact back: the agent is
    /// still at its page and idle, and should be offered the next contact now, not at the next sweep.</summary>
    public event Action<string, string>? OfferReleased;

    /// <summary>Completes when the preview offers waiting now have ended (dialled, skipped, timed out or given back).</summary>
    public Task OffersEndedAsync() => Task.WhenAll(_offers.Values);

    /// <summary>
    /// Dispatches for a batch of idle agents: one lease transaction per campaign for all the agents that work on it
    /// (so the database cost is shared, not paid per agent), then every call placed at once (a preview campaign's contacts
    /// offered, each dialled when its agent decides). Returns what happened to each trigger, in order.
    /// </summary>
    /// <param name="cancellationToken">Also ends the preview offers this dispatch leaves waiting (the engine's stopping token).</param>
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
        var campaignOf = new Dictionary<long, RunningCampaign>();
        var unserved = ready.Keys.ToHashSet(StringComparer.Ordinal);
        foreach (var campaign in await campaigns.CurrentAsync(cancellationToken))
        {
            if (unserved.Count == 0) break;
            if (campaign.Settings.ProviderAccount != center.AccountId) continue;
            var agents = ready.Values.Where(r => unserved.Contains(r.Trigger.AgentId) && campaign.Settings.AgentIds.Contains(r.Trigger.AgentId))
                .OrderBy(r => r.Trigger.IdleSince).Select(r => r.Trigger.AgentId).ToList();
            if (agents.Count == 0) continue;
            var now = timeProvider.GetUtcNow();
            var offeredUntil = campaign.Settings.DialingMode == DialingMode.Preview ? now + campaign.Settings.Preview.Timeout : (DateTimeOffset?)null;
            var leased = await LeaseAsync(store, campaign, caps.For(campaign.Settings), center.AccountId, agents, options.Value.Node, now,
                offeredUntil, cancellationToken, telemetry);
            foreach (var lease in leased)
            {
                unserved.Remove(lease.AgentId);
                campaignOf[lease.AttemptId] = campaign;
            }
            leases.AddRange(leased);
        }
        telemetry.CountDecisions(center.AccountId, ready.Count);
        if (leases.Count == 0) return;

        // The cards are read while the calls' trunks are selected and the gate's second word is asked: a call shows its
        // card just before its make-call, and waits for the read only if it is slower than both.
        var cardsReading = CardsAsync(leases, campaignOf, cancellationToken);
        var previews = leases.Where(l => campaignOf[l.AttemptId].Settings.DialingMode == DialingMode.Preview).ToList();
        if (previews.Count > 0)
        {
            var cardOf = await cardsReading;
            foreach (var lease in previews)
            {
                // The agent decides now: the call waits for it, and this batch does not.
                outcomes[ready[lease.AgentId].Index] = DispatchOutcome.Offered;
                var (_, _, session) = ready[lease.AgentId];
                _offers[lease.AttemptId] = OfferAsync(center, resilience, session, lease, campaignOf[lease.AttemptId], cardOf.GetValueOrDefault(lease.AttemptId), cancellationToken);
            }
        }

        var dials = leases.Where(l => campaignOf[l.AttemptId].Settings.DialingMode != DialingMode.Preview)
            .Select(l => new Dial(l, ready[l.AgentId].Session, ready[l.AgentId].Trigger.IdleSince)).ToList();
        foreach (var (lease, outcome) in await DialAsync(center, resilience, dials, cardsReading, cancellationToken))
            outcomes[ready[lease.AgentId].Index] = outcome;
    }

    /// <summary>
    /// Dials leases. From here until each make-call is sent, whatever throws (a database blip in the recheck or the
    /// release, a vendor read that fails in an unexpected way, the node stopping) gives the attempts not yet sent back as
    /// not dialled, with their budget: never a leased attempt that blocks its agent and later spends budget as unknown.
    /// Returns what became of each lease.
    /// </summary>
    /// <param name="cards">The leases' cards, by attempt (those without one are dialled without a screen pop).</param>
    private async Task<IReadOnlyList<(DialLease Lease, DispatchOutcome Outcome)>> DialAsync(ICallCenter center, ProviderResilience resilience,
        IReadOnlyList<Dial> dials, Task<IReadOnlyDictionary<long, CallCard>> cards, CancellationToken cancellationToken)
    {
        if (dials.Count == 0) return [];
        var leases = dials.Select(d => d.Lease).ToList();
        var outcomes = new List<(DialLease, DispatchOutcome)>();
        inFlight.Hold(leases.Select(l => l.AttemptId));
        var unsent = new ConcurrentDictionary<long, DialLease>(leases.ToDictionary(l => l.AttemptId));
        try
        {
            await CheckAndPlaceAsync(center, resilience, dials, cards, unsent, outcomes, cancellationToken);
            return outcomes;
        }
        catch (Exception e) when (!unsent.IsEmpty)
        {
            var givenBack = unsent.Values.ToList();
            logger.LogWarning(e, "Dispatch failed after the lease and before make-call; giving back {Count} attempts as not dialled", givenBack.Count);
            await GiveBackAsync(givenBack.Select(lease => NotDialled(lease.AttemptId, e)).ToList());
            throw;
        }
        finally
        {
            inFlight.LetGo(leases.Select(l => l.AttemptId).Where(id => !_givingBack.ContainsKey(id)));
        }
    }

    /// <summary>
    /// Trunks first (selection may take a while with retries), then the gate's second word for the whole batch in one
    /// round trip, then the cards (read meanwhile) and the calls: whatever changed meanwhile (pause, do-not-call, budget,
    /// window) is seen before dialling.
    /// </summary>
    private async Task CheckAndPlaceAsync(ICallCenter center, ProviderResilience resilience, IReadOnlyList<Dial> dials,
        Task<IReadOnlyDictionary<long, CallCard>> cards, ConcurrentDictionary<long, DialLease> unsent, List<(DialLease, DispatchOutcome)> outcomes,
        CancellationToken cancellationToken)
    {
        var leases = dials.Select(d => d.Lease).ToList();
        var dialOf = dials.ToDictionary(d => d.Lease.AttemptId);
        var sources = await Task.WhenAll(dials.Select(dial =>
            SelectTrunkAsync(resilience, dial.Session, (center.AccountId, dial.Lease.AgentId), dial.Lease.CallerDialString, cancellationToken)));
        var sourceOf = leases.Zip(sources).ToDictionary(p => p.First.AttemptId, p => p.Second);
        var now = timeProvider.GetUtcNow();
        // No call under this fence may start after this: the fence outlives it by DialFence.IdleGrace even if this node
        // freezes now, and the page is sent it (not a fresh timeout after the trunk selection).
        var deadline = now + options.Value.StartLimit;
        using var recheckSpan = AutoDialerTelemetry.StartAttemptsSpan("autodialer.dispatch.check_and_place", leases);
        var (rechecks, fence) = await store.RecheckAsync(leases, now, options.Value.StartLimit, cancellationToken);
        (DialLease Lease, VendorResult<MakeCallAccepted> Result)[] results;
        Task<(DialLease Lease, VendorResult<MakeCallAccepted> Result)[]> placing;
        // Held until the calls are answered or can no longer start: a do-not-call addition, pause or settings change made
        // meanwhile waits for them, so once it has answered no call it forbids starts.
        await using (fence)
        {
            // An attempt settled while it waited (the stale sweeper judged it) is never dialled, and not given back
            // either: its settlement already moved its contact.
            var settled = leases.Zip(rechecks).Where(p => p.Second is { StillToDial: false }).Select(p => p.First).ToList();
            foreach (var lease in settled)
            {
                unsent.TryRemove(lease.AttemptId, out _);
                outcomes.Add((lease, DispatchOutcome.SettledMeanwhile));
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
                    outcomes.Add((lease, DispatchOutcome.Refused));
                    telemetry.CountGateRefusal(center.AccountId, verdict.Reason);
                    logger.LogInformation("Attempt {AttemptId} released before dialling: {Reason}", lease.AttemptId, verdict.Reason.ToName());
                }
                leases = leases.Zip(verdicts).Where(p => p.Second is DialVerdict.Allowed).Select(p => p.First).ToList();
            }
            if (leases.Count == 0) return;

            // The durable mark, committed before anything is sent: an attempt left unmarked when this node dies was
            // certainly never dialled and is given back at once (NeverSentLeases). One not marked was settled or given
            // back meanwhile (this node was taken for dead): never sent.
            var marked = await neverSent.MarkSendingAsync(leases.Select(l => (l.AttemptId, dialOf[l.AttemptId].Session.PageSessionId)).ToList(), deadline,
                cancellationToken);
            foreach (var lease in leases.Where(l => !marked.Contains(l.AttemptId)))
            {
                unsent.TryRemove(lease.AttemptId, out _);
                outcomes.Add((lease, DispatchOutcome.SettledMeanwhile));
                logger.LogWarning("Attempt {AttemptId} was settled or given back before its make-call was sent; not dialled", lease.AttemptId);
            }
            leases = leases.Where(l => marked.Contains(l.AttemptId)).ToList();
            if (leases.Count == 0) return;

            var cardOf = await cards;
            placing = Task.WhenAll(leases.Select(lease =>
                PlaceAsync(center.AccountId, resilience, dialOf[lease.AttemptId], cardOf.GetValueOrDefault(lease.AttemptId), sourceOf[lease.AttemptId],
                    deadline, unsent, cancellationToken)));
            // Held until the calls are answered, or until no call under it can start any more (a slow vendor's answer
            // may come later, but a call it places after the deadline is hung up): operators never wait longer than that.
            await FenceNeededAsync(placing, deadline + DialFence.IdleGrace);
        }
        results = await placing;
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
                outcomes.Add((lease, result.IsSuccess ? DispatchOutcome.Dialled : await RecordFailureAsync(lease, result)));
            }
            catch (Exception e)
            {
                // It may have rung: left to its events or the stale sweeper (no dispatch holds it any more).
                outcomes.Add((lease, DispatchOutcome.Unknown));
                logger.LogWarning(e, "Recording the make-call result of attempt {AttemptId} failed; its events or the stale sweeper will settle it", lease.AttemptId);
            }
        }
    }

    /// <summary>Completes when <paramref name="placing"/> has, or at <paramref name="until"/>, whichever is first.</summary>
    private async Task FenceNeededAsync(Task placing, DateTimeOffset until)
    {
        var left = until - timeProvider.GetUtcNow();
        if (left <= TimeSpan.Zero) return;
        try
        {
            await placing.WaitAsync(left, timeProvider);
        }
        catch (TimeoutException)
        {
            logger.LogInformation("Make-calls still unanswered at their deadline's end; the dial fence is let go (no call under it can start now)");
        }
        catch
        {
            // Its own failure is read where it is awaited.
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

    private async Task<(DialLease Lease, VendorResult<MakeCallAccepted> Result)> PlaceAsync(string account, ProviderResilience resilience, Dial dial,
        CallCard? card, NumberSourceRef? source, DateTimeOffset deadline, ConcurrentDictionary<long, DialLease> unsent, CancellationToken cancellationToken)
    {
        var lease = dial.Lease;
        if (timeProvider.GetUtcNow() >= deadline)
            return DeadlinePassed(lease, unsent);
        board.Dialling(account, lease.AgentId, lease.AttemptId, lease.Phone);
        // The screen pop goes first, on the same connection: the page knows who is called before the call's events come.
        if (card is not null)
        {
            try
            {
                await dial.Session.ShowCardAsync(card, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "The card of attempt {AttemptId} could not be shown to agent {AgentId}; dialling anyway", lease.AttemptId, lease.AgentId);
            }
            if (timeProvider.GetUtcNow() >= deadline)
                return DeadlinePassed(lease, unsent);
        }

        // The trunk is named by its list id, as selected above: the session selects it again only if that selection failed.
        var request = new MakeCallRequest(lease.DialString, lease.AttemptId.ToString(System.Globalization.CultureInfo.InvariantCulture), lease.CallerDialString,
            source, deadline);
        // From here the request may reach the phone: never given back as not dialled.
        unsent.TryRemove(lease.AttemptId, out _);
        VendorResult<MakeCallAccepted> result;
        using var span = AutoDialerTelemetry.Tracing.StartActivity("autodialer.make_call")?.SetTag(AutoDialerTags.Attempt, lease.AttemptId);
        try
        {
            result = await resilience.MakeCallAsync(dial.Session, request, cancellationToken);
        }
        catch (Exception e)
        {
            // Whether it rang is unknown, as after a timeout: events or the sweeper will tell.
            result = VendorResult<MakeCallAccepted>.Failure(VendorCodes.Timeout, $"make-call failed: {e.GetType().Name}: {e.Message}");
        }
        if (dial.IdleSince is { } idleSince)
            telemetry.RecordIdleToMakeCall(account, timeProvider.GetUtcNow() - idleSince);
        telemetry.CountMakeCall(account, result);
        return (lease, result);
    }

    /// <summary>
    /// This node stalled (froze, paused, starved) past the fence's deadline: the fence may be gone and a change it held
    /// back already answered, so nothing is dialled under it (its failure is recorded as not asked).
    /// </summary>
    private static (DialLease Lease, VendorResult<MakeCallAccepted> Result) DeadlinePassed(DialLease lease, ConcurrentDictionary<long, DialLease> unsent)
    {
        unsent.TryRemove(lease.AttemptId, out _);
        return (lease, VendorResult<MakeCallAccepted>.Failure(VendorCodes.DeadlinePassed, "the dial fence's deadline passed before the make-call was sent"));
    }

    /// <summary>
    /// A preview offer, from the card on the agent's page to the call or the contact given back: the session waits for the
    /// agent until the offer's end; <see cref="PreviewRules.Resolve"/> says what that answer does; a dial takes the offer
    /// (unless it was released meanwhile) and goes the way of every call. Runs beside dispatch, one per offer.
    /// </summary>
    private async Task OfferAsync(ICallCenter center, ProviderResilience resilience, IAgentSession session, DialLease lease, RunningCampaign campaign,
        CallCard? card, CancellationToken stopping)
    {
        await Task.Yield();
        var policy = campaign.Settings.Preview;
        try
        {
            var day = LocalDay(campaign, timeProvider.GetUtcNow());
            var skips = policy.MaxSkipsPerAgentPerDay > 0 ? await offers.SkipsAsync(campaign.Id, lease.AgentId, day, stopping) : 0;
            var deadline = timeProvider.GetUtcNow() + policy.Timeout;
            var answer = card is null
                ? PreviewAnswer.Lost
                : await session.OfferAsync(new PreviewOffer(card, deadline, PreviewRules.SkipAllowed(policy, skips), policy.OnTimeout), stopping);
            var outcome = PreviewRules.Resolve(answer, policy, timeProvider.GetUtcNow());
            logger.LogInformation("Offer of attempt {AttemptId} to agent {AgentId} ended: {Answer}", lease.AttemptId, lease.AgentId, answer);
            if (outcome is PreviewOutcome.Release release)
            {
                await offers.ReleaseAsync([(lease.AttemptId, release.Due)],
                    release.CountsAsSkip ? new PreviewSkip(campaign.Id, lease.AgentId, day) : null, CancellationToken.None);
                if (answer != PreviewAnswer.Lost)
                    OfferReleased?.Invoke(center.AccountId, lease.AgentId);
                return;
            }

            if (!await offers.AcceptAsync(lease.AttemptId, stopping))
            {
                logger.LogWarning("Offer of attempt {AttemptId} was released before agent {AgentId}'s dial; nothing dialled", lease.AttemptId, lease.AgentId);
                return;
            }

            await DialAsync(center, resilience, [new Dial(lease, session, null)],
                Task.FromResult<IReadOnlyDictionary<long, CallCard>>(card is null ? new Dictionary<long, CallCard>() : new Dictionary<long, CallCard> { [lease.AttemptId] = card }),
                stopping);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Stopping: the contact is given back if still offered (else the stale sweep gives it back once the offer has expired).
            await ReleaseQuietlyAsync(lease);
        }
        catch (Exception e)
        {
            logger.LogError(e, "Offer of attempt {AttemptId} to agent {AgentId} failed; its contact is given back once the offer has expired",
                lease.AttemptId, lease.AgentId);
        }
        finally
        {
            _offers.TryRemove(lease.AttemptId, out _);
        }
    }

    private async Task ReleaseQuietlyAsync(DialLease lease)
    {
        try
        {
            await offers.ReleaseAsync([(lease.AttemptId, timeProvider.GetUtcNow())], null, CancellationToken.None);
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Offer of attempt {AttemptId} could not be given back now; the stale sweep will once it has expired", lease.AttemptId);
        }
    }

    private static DateOnly LocalDay(RunningCampaign campaign, DateTimeOffset now) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, TimeZoneInfo.FindSystemTimeZoneById(campaign.Settings.Schedule.TimeZoneId)).DateTime);

    /// <summary>The leases' cards (<see cref="CallCards.Build"/>); none when they cannot be read (the calls go ahead without a screen pop).</summary>
    private async Task<IReadOnlyDictionary<long, CallCard>> CardsAsync(IReadOnlyList<DialLease> leases, IReadOnlyDictionary<long, RunningCampaign> campaignOf,
        CancellationToken cancellationToken)
    {
        try
        {
            var facts = await cards.ReadAsync(leases, cancellationToken);
            return facts.Values.ToDictionary(f => f.AttemptId, f => CallCards.Build(f, campaignOf[f.AttemptId].Settings));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "The cards of {Count} leases could not be read; their calls go ahead without a screen pop", leases.Count);
            return new Dictionary<long, CallCard>();
        }
    }

    /// <summary>
    /// One lease for <paramref name="agentIds"/> (idle agents of one account, all assigned to <paramref name="campaign"/>),
    /// in one transaction of four round trips whatever their number (a page more for each page the gate refused): the facts read and locked, the plan made by <see cref="LeasePlanner"/>, the plan written.
    /// Agents left out got nothing (busy elsewhere, or nothing the gate lets through); the order of
    /// <paramref name="agentIds"/> is the order of service. Static, so that the store's own tests lease as the engine does.
    /// </summary>
    public static Task<IReadOnlyList<DialLease>> LeaseAsync(DispatchStore store, RunningCampaign campaign, FrequencyCaps caps,
        string providerAccount, IReadOnlyList<string> agentIds, string node, DateTimeOffset now, CancellationToken cancellationToken) =>
        LeaseAsync(store, campaign, caps, providerAccount, agentIds, node, now, null, cancellationToken);

    /// <inheritdoc cref="LeaseAsync(DispatchStore, RunningCampaign, FrequencyCaps, string, IReadOnlyList{string}, string, DateTimeOffset, CancellationToken)"/>
    /// <param name="offeredUntil">Preview: the leases are written as offers ending then; null writes them to be dialled now.</param>
    public static async Task<IReadOnlyList<DialLease>> LeaseAsync(DispatchStore store, RunningCampaign campaign, FrequencyCaps caps,
        string providerAccount, IReadOnlyList<string> agentIds, string node, DateTimeOffset now, DateTimeOffset? offeredUntil,
        CancellationToken cancellationToken, AutoDialerTelemetry? telemetry = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(campaign);
        ArgumentNullException.ThrowIfNull(caps);
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
                await lease.WriteAsync(plan, node, offeredUntil, cancellationToken);
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
        return DialGate.Check(recheck.BeforeLease(), settings.Retry, settings.Schedule, caps.For(settings), now, callerNumber, recheck.ExtraAttempts);
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

    /// <summary>A lease to dial for an agent's session, with when the agent was seen idle (null for a preview: the agent decided) and its card.</summary>
    private sealed record Dial(DialLease Lease, IAgentSession Session, DateTimeOffset? IdleSince);

    /// <summary>Forgets what was cached about an agent's session (it reconnected and may have new number sources).</summary>
    public void ForgetSession(string account, string agentId)
    {
        _trunks.TryRemove((account, agentId), out _);
        _selectedTrunk.TryRemove((account, agentId), out _);
    }
}
