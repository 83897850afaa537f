using System.Globalization;
using AutoDialer.Core;
using AutoDialer.Core.Events;
using AutoDialer.Core.Settlement;
using AutoDialer.Core.StoredWords;
using AutoDialer.Core.Telephony;
using AutoDialer.Dialing.Agents;
using AutoDialer.Dialing.Dispatch;
using AutoDialer.Dialing.Events;
using AutoDialer.Dialing.Telephony;
using AutoDialer.PostgreSql.Dispatch;
using AutoDialer.PostgreSql.Events;
using AutoDialer.PostgreSql.Settlement;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AutoDialer.Dialing.Settlement;

/// <summary>
/// Settles attempts whose events never came (dropped events, a lost session, a crashed node). It gathers what is known
/// about each attempt older than <see cref="DialingOptions.StaleAfter"/> — its stored events, whether a make-call for it
/// may still be sent, what the agent's session on this node answers — and <see cref="StaleAttemptRules"/> decides: a
/// call whose Established is stored is never settled unknown, "could not ask" (no session here, a failed read, a page
/// that reconnected and has not reported a call state yet) is not "no call", and an attempt whose make-call may still be
/// sent waits until <see cref="DialingOptions.StaleMaxAge"/>. An attempt whose agent's session is on another node is left
/// to that node's sweep. Each settlement applies only if the attempt is still live when it is written, and never
/// replaces a known outcome. Every node runs this sweep for the sessions it holds. It also gives back the contacts of
/// preview offers still offered <see cref="DialingOptions.StaleAfter"/> after their countdown ended (the node that made
/// them is gone): nothing was dialled.
/// </summary>
internal sealed class StaleAttemptSweeper(
    LiveAttempts live,
    PreviewOffers offers,
    NeverSentLeases neverSent,
    CallEventStore events,
    AttemptSettler settler,
    DialsInFlight inFlight,
    IEnumerable<ICallCenter> callCenters,
    IEnumerable<BridgeSessionDirectory> directories,
    ProviderResiliences resiliences,
    AutoDialerTelemetry telemetry,
    TimeProvider timeProvider,
    IOptions<DialingOptions> options,
    ILogger<StaleAttemptSweeper> logger)
{
    /// <summary>A lease younger than this is not looked at for a make-call never sent: its dispatch may be reading its
    /// card right now, on its way to the mark. (Only a saving: the mark and the give-back exclude each other anyway.)</summary>
    public static readonly TimeSpan LeaseToSendGrace = TimeSpan.FromSeconds(5);

    private readonly string? _bridgeNode = directories.FirstOrDefault()?.Node;
    private readonly DateTimeOffset _startedAt = timeProvider.GetUtcNow();

    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var expired = await offers.ExpiredAsync(now - options.Value.StaleAfter, 500, cancellationToken);
        if (expired.Count > 0)
        {
            var released = await offers.ReleaseAsync(expired.Select(id => (id, now)).ToList(), null, cancellationToken);
            logger.LogWarning("Gave back the contacts of {Count} preview offers that outlived their countdown", released.Count);
        }

        await GiveBackNeverSentAsync(now, cancellationToken);

        var maxAgeCutoff = now - options.Value.StaleMaxAge;
        var stale = await live.StaleAsync(now - options.Value.StaleAfter, maxAgeCutoff, _bridgeNode, 500, cancellationToken);
        if (stale.Count == 0) return 0;
        var stored = await events.EventsOfAsync(stale.Select(a => a.Id).ToList(), [], cancellationToken);

        var settlements = new List<AttemptSettlement>();
        foreach (var attempt in stale)
        {
            var signals = stored.TryGetValue(attempt.Id, out var its) ? its.Select(VendorEvents.Interpret).ToList() : [];
            var facts = new StaleAttemptFacts(attempt.Status, MakeCallPending(attempt), attempt.CreatedAt < maxAgeCutoff,
                StoredCallProgresses.Of(signals), CallOutcomeClassifier.Classify(signals), ProviderAnswer.NotAsked);
            // Asked only when the answer can change the decision.
            if (!facts.PastMaxAge && facts.Ended is null && !facts.MakeCallPending)
                facts = facts with { Provider = await AskAsync(attempt, cancellationToken) };
            if (StaleAttemptRules.Decide(facts) is not { } outcome) continue;
            settlements.Add(new AttemptSettlement(attempt.Id, outcome.Outcome, outcome.RingSeconds, outcome.TalkSeconds, outcome.CallId,
                outcome.VendorCode, outcome.VendorMessage, outcome.NotDialled)
            {
                OnlyIfLive = true,
                // A make-call the page never dialled is due again at once; a callback-mode call whose agent leg was not
                // picked up waits the campaign's delay.
                NotDialledDueLater = outcome.NotDialled && outcome.VendorCode != StaleAttemptRules.NeverDialledCode,
            });
        }
        if (settlements.Count == 0) return 0;
        var settled = await settler.SettleAsync(settlements, now, cancellationToken);
        foreach (var settlement in settlements)
            telemetry.CountStaleSettled(settlement.Outcome);
        if (settled > 0)
            logger.LogWarning("Settled {Count} stale attempts ({Outcomes})", settled,
                string.Join(", ", settlements.GroupBy(s => s.Outcome).Select(g => $"{g.Count()} {g.Key.ToName()}")));
        return settled;
    }

    /// <summary>
    /// Leases whose make-call was certainly never sent (no mark) and that no node will send any more (theirs is dead, or
    /// it is this node restarted) are given back at once, their budget refunded and their agents free: nothing was
    /// dialled. Not after the stale timeout nor as unknown: "never sent" is known.
    /// </summary>
    private async Task GiveBackNeverSentAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        // Never later than the stale rule looks (it runs after this, in the same sweep): a stale timeout shorter than the
        // grace settled such a lease unknown, its budget spent, before it could be given back.
        var grace = LeaseToSendGrace < options.Value.StaleAfter ? LeaseToSendGrace : options.Value.StaleAfter;
        var orphaned = (await neverSent.OrphanedAsync(options.Value.Node, _startedAt, now - grace, 500, cancellationToken))
            .Where(id => !inFlight.Holds(id)).ToList();
        if (orphaned.Count == 0) return;
        var givenBack = await neverSent.GiveBackAsync(orphaned, now, cancellationToken);
        if (givenBack.Count > 0)
            logger.LogWarning("Gave back {Count} attempts leased by a node that died or restarted before sending their make-calls (attempts {Ids})",
                givenBack.Count, string.Join(", ", givenBack.Take(20)));
    }

    /// <summary>
    /// Whether the attempt's make-call may still be sent or answered: a dispatch on this node holds it, or it is still
    /// dialing and was leased by another node that is alive (it may be waiting behind the dial fence).
    /// </summary>
    private bool MakeCallPending(LiveAttempt attempt) =>
        inFlight.Holds(attempt.Id)
        || attempt.Status == AttemptStatus.Dialing && attempt.Node != options.Value.Node && attempt.NodeAlive;

    private async Task<ProviderAnswer> AskAsync(LiveAttempt attempt, CancellationToken cancellationToken)
    {
        var session = callCenters.FirstOrDefault(c => c.AccountId == attempt.ProviderAccount)?.FindSession(attempt.AgentId);
        if (session is null)
            return ProviderAnswer.NotAsked; // On another node, or nowhere: nobody here can ask.
        if (attempt is { MakeCallSession: { } sentOn, MakeCallDeadline: { } deadline }
            && session.PageSaysNeverDialled(attempt.Id.ToString(CultureInfo.InvariantCulture), sentOn, deadline))
            return ProviderAnswer.NeverDialled;
        var state = await resiliences.For(attempt.ProviderAccount).ReadAsync(ct => session.GetStateAsync(ct), cancellationToken);
        if (state is not { IsSuccess: true, Data: { } current })
            return ProviderAnswer.CouldNotAsk; // A timeout, an open circuit, an error, a session that knows nothing yet.
        return IsSameCall(current, attempt) ? ProviderAnswer.StillOnCall : ProviderAnswer.NoSuchCall;
    }

    private static bool IsSameCall(ProviderState state, LiveAttempt attempt) =>
        state.InCall && (state.CallID == attempt.CallId && attempt.CallId is not null
                         || state.UserData == attempt.Id.ToString(CultureInfo.InvariantCulture));
}
