using AutoDialer.Core;
using AutoDialer.Core.Dispatch;
using AutoDialer.Core.Settlement;
using AutoDialer.PostgreSql.Settlement;

namespace AutoDialer.Dialing.Settlement;

/// <summary>
/// Settles attempts with the outcomes reported for them (by their events, their make-call result or the stale
/// sweeper), a batch at a time: the attempts read locked, <see cref="SettlementRules"/> deciding each one here, the
/// decisions written, in one transaction of one locked read and one write (<see cref="SettlementTransaction"/>). An
/// attempt is settled or revised, its contact finalised, rescheduled or suppressed, a blacklisted number goes on the
/// do-not-call list; then, in a transaction of its own, each call joins its caller number's answer record, and a number
/// whose answer rate has collapsed is rested (<see cref="AnswerRateGuard"/>).
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
        var settledCampaigns = new List<long>();
        foreach (var locked in settling.Attempts)
        {
            var reported = byAttempt[locked.AttemptId];
            var decision = SettlementRules.Decide(locked.Attempt, locked.Contact,
                new ReportedOutcome(reported.Outcome, reported.NotDialled, reported.OnlyIfLive, reported.NotDialledDueLater), locked.Settings.Retry, now);
            if (!decision.SettlesAttempt)
                continue;
            attempts.Add(reported);
            settledCampaigns.Add(locked.CampaignId);
            if (decision.Contact is { } change)
                contacts.Add(new ContactUpdate(locked.ContactId, change, reported.Outcome));
            if (decision.Contact is { Refund: true })
                notDialled.Add(locked.AttemptId);
            if (decision.AddsToDoNotCallList)
                doNotCall.Add(locked.Phone);
            if (locked.CallerNumberId is { } numberId && decision.AnswerRateSample is { } answered)
                answers.Add(new AnswerSample(locked.CampaignId, numberId, answered, locked.Settings.Rotation.AnswerRateWindow));
        }
        await settling.WriteAsync(new SettlementWrites(attempts, contacts, doNotCall, notDialled), now, cancellationToken);
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
}
