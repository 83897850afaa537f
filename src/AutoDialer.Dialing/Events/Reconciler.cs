using AutoDialer.Core;
using AutoDialer.Core.Dispatch;
using AutoDialer.Core.Events;
using AutoDialer.Core.StoredWords;
using AutoDialer.Dialing.Agents;
using AutoDialer.Dialing.Settlement;
using AutoDialer.PostgreSql.Events;
using AutoDialer.PostgreSql.Settlement;
using Microsoft.Extensions.Logging;

namespace AutoDialer.Dialing.Events;

/// <summary>
/// Turns a batch of one account's vendor events into stored facts and outcomes. Every event is stored raw first
/// (a duplicate is a no-op); calls are correlated by business id where the event carries it, else by CallID, which
/// the first Originated for the dialled number binds to the agent's live attempt. An attempt's outcome is always
/// computed from all of its stored events, so reordered and duplicated deliveries converge on the same result.
/// </summary>
internal sealed class Reconciler(
    CallEventStore events,
    EventQuarantine quarantine,
    AttemptSettler settler,
    AgentBoard board,
    AutoDialerTelemetry telemetry,
    TimeProvider timeProvider,
    ILogger<Reconciler> logger)
{
    private long _applied;

    private long _foreign;

    /// <summary>Events stored and applied by this node since it started.</summary>
    public long Applied => Interlocked.Read(ref _applied);

    /// <summary>Events that named an attempt of another agent or account: stored, never applied.</summary>
    public long ForeignEvents => Interlocked.Read(ref _foreign);

    /// <summary>Applies a batch; returns the agents that became idle (newly), for dispatch.</summary>
    public async Task<IReadOnlyList<(string AgentId, DateTimeOffset At)>> ApplyAsync(string account, IReadOnlyList<CallCenterEvent> batch,
        CancellationToken cancellationToken)
    {
        using var span = AutoDialerTelemetry.Tracing.StartActivity("autodialer.events")?.SetTag(AutoDialerTelemetry.AccountTag, account);
        // A NUL in a field nothing reads is cleaned here, so the event is stored and counts rather than quarantined.
        batch = batch.Select(NulCleaning.Readable).ToList();
        // A NUL where it is read (a call id) cannot be cleaned, nor sent to PostgreSQL in any lookup: quarantined first.
        var unreadable = batch.Select(e => (Event: e, Reason: NulCleaning.Unreadable(e))).Where(u => u.Reason is not null).ToList();
        if (unreadable.Count > 0)
        {
            await quarantine.AddAsync(account, unreadable.Select(u => (u.Event, u.Reason!)).ToList(), cancellationToken);
            foreach (var (poisoned, reason) in unreadable)
                logger.LogError("Quarantined event {EventId} ({Name}) of {Account}: {Reason}", QuarantineText.Storable(poisoned.EventId), poisoned.Name, account, reason);
            batch = batch.Except(unreadable.Select(u => u.Event)).ToList();
        }
        var signals = batch.Select(VendorEvents.Interpret).ToList();
        var calls = signals.OfType<CallEventSignal>().ToList();

        // Each CallID's attempt and the agent it belongs to: an event is applied only to its own agent's attempt (a page
        // reports for its agent alone, and business ids are sequential, so one could name any attempt).
        var attemptByCall = new Dictionary<string, (long AttemptId, string AgentId)>(StringComparer.Ordinal);
        // Meiqia's blackList can be the only event of its call (no calling before it): it binds its uuid as Originated does.
        // Udesk's callback mode rings the agent first (Delivered) and may never reach Originated: Delivered binds too.
        var originated = calls.Where(s => s is OriginatedSignal or DeliveredSignal or BlacklistedSignal)
            .Where(s => s.CallId is not null && s.BusinessId is null)
            .Select(s => (s.AgentId, s.Number, s.CallId!, s.Timestamp))
            .ToList();
        // Three lookups that do not wait for one another, each on its own connection: the pump is one sequence of round
        // trips per batch, and every event of the account waits behind it. Every CallID of the batch is looked up; for
        // one that the binding ties now or a business id names, that answer wins over the lookup's, as before.
        var binding = events.BindCallsAsync(account, originated, cancellationToken);
        var owning = events.AgentsOfAsync(account, calls.Select(TryBusinessId).OfType<long>().Distinct().ToList(), cancellationToken);
        var finding = events.FindAttemptsByCallIdAsync(account, calls.Select(s => s.CallId).OfType<string>().Distinct().ToList(), cancellationToken);
        await Task.WhenAll(binding, owning, finding);
        var (bound, owners, found) = (binding.Result, owning.Result, finding.Result);
        var originatedBy = originated.DistinctBy(o => o.Item3, StringComparer.Ordinal).ToDictionary(o => o.Item3, o => o.AgentId, StringComparer.Ordinal);
        foreach (var (callId, attemptId) in bound) attemptByCall[callId] = (attemptId, originatedBy[callId]);
        foreach (var signal in calls)
        {
            if (signal.CallId is { } callId && TryBusinessId(signal) is { } attemptId && owners.TryGetValue(attemptId, out var owner))
                attemptByCall.TryAdd(callId, (attemptId, owner));
        }
        foreach (var (callId, attempt) in found)
            attemptByCall.TryAdd(callId, attempt);
        bound = await BindOrphanedCallsAsync(account, calls, attemptByCall, bound, cancellationToken);

        var withoutCallId = await BlacklistingsWithoutCallIdAsync(account, calls, cancellationToken);

        var foreignHere = 0;
        long? AttemptOf(CallSignal signal)
        {
            if (signal is not CallEventSignal call) return null;
            if (withoutCallId.TryGetValue(call, out var live)) return live;
            (long Id, string Agent)? named = TryBusinessId(call) is { } id
                ? (id, owners.GetValueOrDefault(id) ?? "")
                : call.CallId is { } callId && attemptByCall.TryGetValue(callId, out var byCall) ? byCall : null;
            if (named is not { } attempt) return null;
            if (attempt.Agent == call.AgentId) return attempt.Id;
            foreignHere++;
            return null;
        }
        var rows = signals.Select(s => (s.Source, (s as CallEventSignal)?.CallId, AttemptOf(s))).ToList();
        if (foreignHere > 0)
        {
            Interlocked.Add(ref _foreign, foreignHere);
            logger.LogWarning("{Count} events of {Account} named attempts of another agent or account; stored, not applied", foreignHere, account);
        }
        var fresh = await events.StoreAsync(account, rows, cancellationToken);
        Interlocked.Add(ref _applied, batch.Count);
        telemetry.RecordEventsStored(account, batch, timeProvider.GetUtcNow());

        // Which calls to classify again from all their stored events: those that ended in this batch or gained events
        // stored before their binding, and any already settled (a late event may revise its outcome). The rest have
        // not ended, so there is nothing to settle. Duplicates count too: if this batch is a retry after a failure
        // past the store, its events are no longer fresh but their calls still have to be settled.
        var ended = new HashSet<long>();
        var ongoing = new HashSet<long>();
        for (var i = 0; i < rows.Count; i++)
        {
            if (rows[i].Item3 is not { } attemptId) continue;
            if (CallOutcomeClassifier.Ends(signals[i])) ended.Add(attemptId);
            else ongoing.Add(attemptId);
        }
        foreach (var attemptId in await events.AttachUnboundAsync(account, bound, cancellationToken))
            ended.Add(attemptId);
        ongoing.ExceptWith(ended);
        AutoDialerTelemetry.TagAttempts(span, ended);
        await SettleAsync(ended, ongoing, cancellationToken);

        var idle = new List<(string, DateTimeOffset)>();
        foreach (var state in signals.OfType<AgentStateChangedSignal>().Where(s => fresh.Contains(s.EventId)).OrderBy(s => s.Timestamp))
        {
            board.StateChanged(account, state.AgentId, state.State, state.SubState, state.Timestamp);
            if (state.State == AgentState.Idle)
                idle.Add((state.AgentId, timeProvider.GetUtcNow()));
        }
        return idle;
    }

    private async Task SettleAsync(IReadOnlyCollection<long> ended, IReadOnlyCollection<long> ongoing, CancellationToken cancellationToken)
    {
        if (ended.Count == 0 && ongoing.Count == 0) return;
        var stored = await events.EventsOfAsync(ended, ongoing, cancellationToken);
        var outcomes = new List<AttemptSettlement>();
        foreach (var (attemptId, attemptEvents) in stored)
        {
            var classified = CallOutcomeClassifier.Classify(attemptEvents.Select(VendorEvents.Interpret));
            if (classified is null) continue;
            // Nothing reached the customer (callback mode, agent leg unanswered): the attempt back, and a wait, since the
            // same agent would be asked again at once.
            outcomes.Add(new AttemptSettlement(attemptId, classified.Outcome, classified.RingSeconds, classified.TalkSeconds,
                classified.CallId, classified.VendorCode, classified.VendorMessage, classified.NotDialled) { NotDialledDueLater = classified.NotDialled });
        }
        if (outcomes.Count > 0)
        {
            var settled = await settler.SettleAsync(outcomes, timeProvider.GetUtcNow(), cancellationToken);
            logger.LogDebug("Settled {Settled} of {Outcomes} attempts from events", settled, outcomes.Count);
        }
    }

    /// <summary>
    /// A call none of whose events so far bound it — its Originated was lost (a page reloaded before its outbox sent it,
    /// with the make-call's answer) or is still behind in a reordered delivery — is bound by its first other event that
    /// names the customer, under the same rule as an Originated: the agent's attempt for that number that has no call
    /// yet. Rare, so one more round trip only for a batch that has such a call. Returns every binding of the batch.
    /// </summary>
    private async Task<IReadOnlyDictionary<string, long>> BindOrphanedCallsAsync(string account, IReadOnlyList<CallEventSignal> calls,
        Dictionary<string, (long AttemptId, string AgentId)> attemptByCall, IReadOnlyDictionary<string, long> bound, CancellationToken cancellationToken)
    {
        var orphaned = calls.Where(s => s is not (OriginatedSignal or DeliveredSignal or BlacklistedSignal))
            .Where(s => s.CallId is not null && s.BusinessId is null && s.Number is not null && !attemptByCall.ContainsKey(s.CallId))
            .DistinctBy(s => s.CallId, StringComparer.Ordinal)
            .Select(s => (s.AgentId, s.Number, s.CallId!, s.Timestamp))
            .ToList();
        if (orphaned.Count == 0) return bound;
        var orphanBound = await events.BindCallsAsync(account, orphaned, cancellationToken);
        if (orphanBound.Count == 0) return bound;
        var agentOf = orphaned.ToDictionary(o => o.Item3, o => o.AgentId, StringComparer.Ordinal);
        var all = new Dictionary<string, long>(bound, StringComparer.Ordinal);
        foreach (var (callId, attemptId) in orphanBound)
        {
            attemptByCall[callId] = (attemptId, agentOf[callId]);
            all[callId] = attemptId;
        }
        logger.LogInformation("{Count} calls of {Account} bound by a later event, their Originated missing", orphanBound.Count, account);
        return all;
    }

    /// <summary>
    /// A blacklisting that carries neither a business id nor a call id (the document does not say its <c>uuid</c> is
    /// set for a call that never rang) belongs to the agent's live attempt: Meiqia places one call per agent at a time.
    /// When it names the customer, only an attempt for that number will do.
    /// </summary>
    private async Task<Dictionary<CallEventSignal, long>> BlacklistingsWithoutCallIdAsync(string account, IReadOnlyList<CallEventSignal> calls,
        CancellationToken cancellationToken)
    {
        var found = new Dictionary<CallEventSignal, long>(ReferenceEqualityComparer.Instance);
        var orphans = calls.OfType<BlacklistedSignal>().Where(s => s.CallId is null && s.BusinessId is null).ToList();
        if (orphans.Count == 0) return found;
        var live = await events.LiveAttemptsAsync(account, orphans.Select(o => o.AgentId).Distinct(StringComparer.Ordinal).ToList(), cancellationToken);
        foreach (var orphan in orphans)
        {
            var attempt = live.Where(a => a.AgentId == orphan.AgentId && (orphan.Number is null || DialString.SameNumber(orphan.Number, a.DialString)))
                .MaxBy(a => a.AttemptId);
            if (attempt is not null) found[orphan] = attempt.AttemptId;
        }
        return found;
    }

    private static long? TryBusinessId(CallEventSignal signal) =>
        long.TryParse(signal.BusinessId, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id) ? id : null;
}
