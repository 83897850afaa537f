using AutoDialer.Core;
using AutoDialer.Core.Agents;
using AutoDialer.Core.Dispatch;
using AutoDialer.Core.Dispositions;
using AutoDialer.Core.Settlement;
using AutoDialer.Core.StoredWords;
using AutoDialer.PostgreSql.Dispatch;
using AutoDialer.PostgreSql.Settlement;

namespace AutoDialer.Dialing.Settlement;

/// <summary>
/// Settles attempts with the outcomes reported for them (by their events, their make-call result or the stale
/// sweeper), a batch at a time, and records the dispositions agents give them: the attempts read locked,
/// <see cref="SettlementRules"/> deciding each one here, the decisions written, in one transaction of one locked read
/// and one write (<see cref="SettlementTransaction"/>). An attempt is settled or revised, its contact finalised,
/// rescheduled, given a callback or suppressed, a blacklisted number goes on the do-not-call list, a contact with other
/// numbers moves on to the next one (<see cref="NextNumberRule"/>); then, in a transaction
/// of its own, each call joins its caller number's answer record, and a number whose answer rate has collapsed is
/// rested (<see cref="AnswerRateGuard"/>). A complaint or wrong-number disposition may rest its caller number too.
/// </summary>
internal sealed class AttemptSettler(SettlementStore store, AutoDialerTelemetry? telemetry = null)
{
    /// <summary>Settles what <paramref name="settlements"/> report (the last report of an attempt wins); returns how many attempts were written.</summary>
    /// <param name="now">When the outcomes are recorded; retry delays count from here.</param>
    public async Task<int> SettleAsync(IReadOnlyList<AttemptSettlement> settlements, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (settlements.Count == 0) return 0;
        var byAttempt = settlements.GroupBy(s => s.AttemptId).ToDictionary(g => g.Key, g => g.Last());
        using var span = AutoDialerTelemetry.Tracing.StartActivity("autodialer.settlement");
        AutoDialerTelemetry.TagAttempts(span, byAttempt.Keys);
        await using var settling = await store.BeginAsync(byAttempt.Keys, cancellationToken);

        var attempts = new List<AttemptSettlement>();
        var contacts = new List<ContactUpdate>();
        var doNotCall = new List<string>();
        var notDialled = new List<long>();
        var answers = new List<AnswerSample>();
        var wrapUps = new List<WrapUp>();
        var settledCampaigns = new List<long>();
        foreach (var locked in settling.Attempts)
        {
            var reported = byAttempt[locked.AttemptId];
            var decision = SettlementRules.Decide(locked.Attempt, locked.Contact,
                new ReportedOutcome(reported.Outcome, reported.NotDialled, reported.OnlyIfLive, reported.NotDialledDueLater), locked.Settings, now);
            if (!decision.SettlesAttempt)
                continue;
            attempts.Add(reported);
            settledCampaigns.Add(locked.CampaignId);
            if (decision.Contact is { } change)
            {
                // A contact with other numbers may give this one up (a separate rule: the retry policy knows one number).
                var number = NextNumberRule.Decide(locked.Contact, locked.Numbers, reported.Outcome, change, locked.Settings.Retry, now,
                    numberGivenUp: locked.Attempt.Disposition?.Effect is DispositionEffect.WrongNumber or DispositionEffect.DoNotCall);
                contacts.Add(new ContactUpdate(locked.ContactId, number?.Contact ?? change, reported.Outcome, number));
            }
            if (decision.Contact is { Refund: true })
                notDialled.Add(locked.AttemptId);
            if (decision.AddsToDoNotCallList)
                doNotCall.Add(locked.Phone);
            if (decision.WrapUpUntil is { } until)
                wrapUps.Add(new WrapUp(locked.ProviderAccount, locked.AgentId, locked.AttemptId, until));
            if (locked.CallerNumberId is { } numberId && decision.AnswerRateSample is { } answered)
                answers.Add(new AnswerSample(locked.CampaignId, numberId, answered, locked.Settings.Rotation.AnswerRateWindow)
                {
                    Short = answered && CallerNumberHealthRules.IsShortCall(reported.TalkSeconds, locked.Settings.Rotation.Health),
                    Rejected = reported.Outcome == Core.StoredWords.CallOutcome.Rejected,
                });
        }
        await settling.WriteAsync(new SettlementWrites(attempts, contacts, doNotCall, notDialled) { WrapUps = wrapUps }, now, cancellationToken);
        for (var i = 0; i < attempts.Count; i++)
            telemetry?.CountSettled(settledCampaigns[i], attempts[i].Outcome);

        if (answers.Count > 0)
        {
            var rotationOf = settling.Attempts.GroupBy(a => a.CampaignId).ToDictionary(g => g.Key, g => g.First().Settings.Rotation);
            var records = await settling.AppendAnswersAsync(answers, cancellationToken);
            var rests = new List<NumberRest>();
            foreach (var record in records)
            {
                telemetry?.RecordAnswerRate(record.CampaignId, record.NumberId, record.RecentAnswered);
                var usage = new CallerNumberUsage(record.NumberId, 0, null, null, record.RecentAnswered);
                if (rotationOf[record.CampaignId].CreateAnswerRateGuard().RestUntil(usage, now) is { } restUntil)
                    rests.Add(new NumberRest(record.CampaignId, record.NumberId, restUntil));
            }
            await settling.RestAsync(rests, cancellationToken);
        }
        return attempts.Count;
    }

    /// <summary>
    /// After a complaint or a wrong number is recorded: rests the caller number the call showed when its recent calls now
    /// hold more of them than its campaign allows (<see cref="CallerNumberHealthRules.RestUntilAfterDispositions"/>).
    /// </summary>
    private static async Task RestOnDispositionsAsync(SettlementTransaction settling, LockedAttempt locked, string numberId, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var rotation = locked.Settings.Rotation;
        var (complaints, wrongNumbers) = await settling.CountDispositionsAsync(
            DispositionWindow.Of(locked.CampaignId, numberId, rotation, locked.Settings.Dispositions), cancellationToken);
        var until = CallerNumberHealthRules.RestUntilAfterDispositions(complaints, wrongNumbers, rotation, now);
        await settling.RestAsync(until is { } rest ? [new NumberRest(locked.CampaignId, numberId, rest)] : [], cancellationToken);
    }

    /// <summary>
    /// Records <paramref name="request"/> for one of <paramref name="agentId"/>'s calls, in one transaction: the attempt and its
    /// contact read locked, <see cref="DispositionCheck"/> saying whether the page may, <see cref="SettlementRules.DecideDisposition"/>
    /// what it changes; a number the agent puts on the do-not-call list takes the dial fence before the commit.
    /// </summary>
    /// <returns>The answer for the page, and the decision when it was recorded.</returns>
    public async Task<(DispositionAnswer Answer, LockedAttempt? Attempt)> RecordDispositionAsync(string providerAccount, string agentId, DispositionRequest request,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        await using var settling = await store.BeginAsync([request.AttemptId], cancellationToken);
        var locked = settling.Attempts.Count > 0 ? settling.Attempts[0] : null;
        var facts = locked is null ? null : new DispositionFacts(locked.ProviderAccount, locked.AgentId, locked.Attempt.Status, locked.SettledAt);
        var settings = locked?.Settings;
        var verdict = DispositionCheck.Check(facts, providerAccount, agentId, request,
            settings?.Dispositions ?? new DispositionPolicy(), settings?.Callbacks ?? new Core.Callbacks.CallbackPolicy(), now);
        if (verdict is DispositionVerdict.Refused refused)
            return (new DispositionAnswer(refused.Reason, refused.Message), locked);

        var disposition = ((DispositionVerdict.Accepted)verdict).Disposition;
        var decision = SettlementRules.DecideDisposition(locked!.Attempt, locked.Contact, disposition, locked.Settings, now);
        var outcome = locked.Attempt.Outcome ?? CallOutcome.Unknown;
        // A wrong number or a do-not-call concerns this number only: a contact with another moves on to it.
        var number = decision.Contact is { } moved && disposition.Effect is DispositionEffect.WrongNumber or DispositionEffect.DoNotCall
            ? NextNumberRule.Decide(locked.Contact, locked.Numbers, outcome, moved, locked.Settings.Retry, now, numberGivenUp: true)
            : null;
        await settling.WriteAsync(new SettlementWrites([],
            decision.Contact is { } change ? [new ContactUpdate(locked.ContactId, number?.Contact ?? change, outcome, number)] : [],
            decision.AddsToDoNotCallList ? [locked.Phone] : [], [])
        {
            Dispositions = [new DispositionWrite(locked.AttemptId, locked.CampaignId, locked.ContactId, disposition, locked.Attempt.Disposition?.Code)],
            WrapUpsEnded = decision.EndsWrapUp ? [locked.AttemptId] : [],
            DoNotCallFenced = true,
        }, now, cancellationToken);
        if (locked.CallerNumberId is { } numberId && (disposition.Effect == DispositionEffect.WrongNumber || locked.Settings.Dispositions.Find(disposition.Code)?.Complaint == true))
            await RestOnDispositionsAsync(settling, locked, numberId, now, cancellationToken);
        var state = number?.Contact.State ?? decision.Contact?.State ?? locked.Contact.State;
        return (new DispositionAnswer(null, $"Recorded '{disposition.Code}' for call {locked.AttemptId}.", state.ToName(),
            number?.Contact.Due ?? decision.Contact?.Due ?? disposition.DueAt), locked);
    }
}
