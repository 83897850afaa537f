using AutoDialer.Core.Dialing;
using Dapper;
using Npgsql;

namespace AutoDialer.PostgreSql.Dialing;

/// <summary>
/// Writes outcomes and what follows from them, for a batch of attempts in one transaction: the attempt is settled,
/// its contact is finalised, rescheduled by the campaign's retry policy or deferred to the nightly batch, a
/// blacklisted number goes on the do-not-call list, and the caller number's answer record (and rest) is updated.
/// Settling again with the same outcome changes nothing; a different outcome (a late event that changes the story,
/// e.g. Established after ConnectionCleared) revises the attempt, and its contact if no newer attempt exists.
/// </summary>
public sealed class SettlementStore(NpgsqlDataSource dataSource, CampaignSettingsCache settingsCache)
{
    public async Task<int> SettleAsync(IReadOnlyList<Settlement> settlements, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (settlements.Count == 0) return 0;
        var byAttempt = settlements.GroupBy(s => s.AttemptId).ToDictionary(g => g.Key, g => g.Last());

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var rows = (await connection.QueryAsync<AttemptRow>(new CommandDefinition("""
            select a.id, a.status, a.outcome, a.campaign_id, a.contact_id, a.phone, a.caller_number_id,
                   c.attempts, c.attempts_today, c.state as contact_state,
                   (select max(x.id) from attempts x where x.contact_id = a.contact_id) as latest_attempt,
                   k.updated_at
            from attempts a
            join contacts c on c.id = a.contact_id
            join campaigns k on k.id = a.campaign_id
            where a.id = any(@ids)
            order by a.contact_id
            for update of a, c
            """, new { ids = byAttempt.Keys.ToArray() }, transaction, cancellationToken: cancellationToken))).ToList();

        // Each campaign's settings, read only when this version of them has not been parsed yet (they are large, the rows many).
        var settingsOf = new Dictionary<long, CampaignSettings>();
        foreach (var (campaignId, version) in rows.Select(r => (r.campaign_id, r.updated_at)).Distinct())
        {
            if (!settingsCache.TryGet(campaignId, version, out var cached))
            {
                var stored = await connection.QuerySingleAsync<(string settings, string time_zone, DateTime updated_at)>(new CommandDefinition(
                    "select settings::text, time_zone, updated_at from campaigns where id = @campaignId",
                    new { campaignId }, transaction, cancellationToken: cancellationToken));
                cached = settingsCache.Get(campaignId, stored.updated_at, stored.settings, stored.time_zone);
            }
            settingsOf[campaignId] = cached;
        }

        var attemptUpdates = new List<(long Id, string Outcome, int? Ring, int? Talk, string? Code, string? Message, string? CallId)>();
        var contactUpdates = new List<(long Id, string State, DateTimeOffset? Due, string Outcome, int Refund)>();
        var blacklisted = new List<string>();
        var answerRecords = new Dictionary<(long Campaign, string Number), List<bool>>();

        foreach (var row in rows)
        {
            var settlement = byAttempt[row.id];
            var outcome = settlement.Outcome.ToWireName();
            var wasSettled = row.status == "settled";
            if (wasSettled && row.outcome == outcome)
                continue;

            attemptUpdates.Add((row.id, outcome, settlement.RingSeconds, settlement.TalkSeconds, settlement.VendorCode, settlement.VendorMessage, settlement.CallId));
            if (settlement.Outcome == CallOutcome.Blacklisted)
                blacklisted.Add(row.phone);
            if (!wasSettled && row.caller_number_id is { } numberId && IsCustomerAnswer(settlement.Outcome) is { } answered)
            {
                if (!answerRecords.TryGetValue((row.campaign_id, numberId), out var list))
                    answerRecords[(row.campaign_id, numberId)] = list = [];
                list.Add(answered);
            }

            // A revision only moves the contact if this is still its latest attempt and it is not being dialled again.
            if (wasSettled && (row.latest_attempt != row.id || row.contact_state == "dialing"))
                continue;
            if (settlement.NotDialled)
            {
                contactUpdates.Add((row.contact_id, "pending", now.ToUniversalTime(), outcome, 1));
                continue;
            }
            var settings = settingsOf[row.campaign_id];
            var decision = settings.Retry.Decide(settlement.Outcome, Math.Max(row.attempts, 1), Math.Max(row.attempts_today, 1), now);
            contactUpdates.Add(decision switch
            {
                RetryDecision.RetryAt retry => (row.contact_id, "pending", retry.Due.ToUniversalTime(), outcome, 0),
                RetryDecision.NextDay => (row.contact_id, "deferred", null, outcome, 0),
                _ => (row.contact_id, "done", null, outcome, 0),
            });
        }

        // Attempts and contacts in one round trip (each statement only when it has rows: the counter triggers run per statement).
        var writes = new List<string>(2);
        if (attemptUpdates.Count > 0)
            writes.Add("""
                update attempts a
                set status = 'settled', outcome = u.outcome, ring_seconds = u.ring, talk_seconds = u.talk,
                    vendor_code = coalesce(u.code, a.vendor_code), vendor_message = coalesce(u.message, a.vendor_message),
                    call_id = coalesce(a.call_id, u.call_id), settled_at = @now
                from unnest(@ids, @outcomes, @rings, @talks, @codes, @messages, @callIds) as u(id, outcome, ring, talk, code, message, call_id)
                where a.id = u.id
                """);
        if (contactUpdates.Count > 0)
            writes.Add("""
                update contacts c
                set state = u.state, next_due_at = coalesce(u.due, c.next_due_at), last_outcome = u.outcome,
                    attempts = c.attempts - u.refund, attempts_today = greatest(c.attempts_today - u.refund, 0)
                from unnest(@contactIds, @states, @dues, @contactOutcomes, @refunds) as u(id, state, due, outcome, refund)
                where c.id = u.id
                """);
        if (writes.Count > 0)
        {
            await connection.ExecuteAsync(new CommandDefinition(string.Join(";\n", writes), new
            {
                ids = attemptUpdates.Select(u => u.Id).ToArray(),
                outcomes = attemptUpdates.Select(u => u.Outcome).ToArray(),
                rings = attemptUpdates.Select(u => u.Ring).ToArray(),
                talks = attemptUpdates.Select(u => u.Talk).ToArray(),
                codes = attemptUpdates.Select(u => u.Code).ToArray(),
                messages = attemptUpdates.Select(u => u.Message).ToArray(),
                callIds = attemptUpdates.Select(u => u.CallId).ToArray(),
                now,
                contactIds = contactUpdates.Select(u => u.Id).ToArray(),
                states = contactUpdates.Select(u => u.State).ToArray(),
                dues = contactUpdates.Select(u => u.Due).ToArray(),
                contactOutcomes = contactUpdates.Select(u => u.Outcome).ToArray(),
                refunds = contactUpdates.Select(u => u.Refund).ToArray(),
            }, transaction, cancellationToken: cancellationToken));
        }
        if (blacklisted.Count > 0)
        {
            // The vendor says this number must not be called: every campaign stops dialling it.
            await connection.ExecuteAsync(new CommandDefinition("""
                insert into dnc (phone, source) select distinct unnest(@phones), 'blacklist' on conflict (phone) do nothing;
                update contacts set state = 'suppressed' where phone = any(@phones) and state in ('pending', 'deferred');
                """, new { phones = blacklisted.ToArray() }, transaction, cancellationToken: cancellationToken));
        }
        await transaction.CommitAsync(cancellationToken);
        // After the commit, in a transaction of its own: dispatch holds contacts while it waits for caller numbers, so
        // holding contacts here while taking caller numbers could close a cycle.
        await RecordAnswersAsync(connection, answerRecords, settingsOf, now, cancellationToken);
        return attemptUpdates.Count;
    }

    /// <summary>
    /// Appends each caller number's latest results and rests a number whose answer rate has collapsed: the numbers
    /// locked in one global order (the one dispatch uses), all of them updated in one statement.
    /// </summary>
    private async Task RecordAnswersAsync(NpgsqlConnection connection,
        Dictionary<(long Campaign, string Number), List<bool>> records, Dictionary<long, CampaignSettings> settingsOf, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        if (records.Count == 0) return;
        var rotations = records.Keys.Select(k => k.Campaign).Distinct().ToDictionary(campaignId => campaignId, campaignId => settingsOf[campaignId].Rotation);
        var answers = records.SelectMany(r => r.Value.Select((answered, order) => (r.Key.Campaign, r.Key.Number, Answered: answered, Order: order))).ToList();

        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var result = await connection.QueryMultipleAsync(new CommandDefinition("""
            select 1 from caller_numbers n
            where (n.campaign_id, n.id) in (select * from unnest(@campaigns, @numbers))
            order by n.campaign_id, n.id
            for update;
            update caller_numbers n
            set recent_answered = (n.recent_answered || u.answers)[greatest(1, cardinality(n.recent_answered) + cardinality(u.answers) - u.size + 1):],
                answered_total = n.answered_total + u.answered
            from (select campaign_id, id, array_agg(answered order by ord) as answers, count(*) filter (where answered)::int as answered,
                         max(size) as size
                  from unnest(@campaigns, @numbers, @answers, @orders, @windows) as a(campaign_id, id, answered, ord, size)
                  group by campaign_id, id) u
            where n.campaign_id = u.campaign_id and n.id = u.id
            returning n.campaign_id, n.id, n.recent_answered
            """, new
        {
            campaigns = answers.Select(a => a.Campaign).ToArray(),
            numbers = answers.Select(a => a.Number).ToArray(),
            answers = answers.Select(a => a.Answered).ToArray(),
            orders = answers.Select(a => a.Order).ToArray(),
            windows = answers.Select(a => rotations[a.Campaign].AnswerRateWindow).ToArray(),
        }, transaction, cancellationToken: cancellationToken));
        await result.ReadAsync();
        var recents = (await result.ReadAsync<(long campaign_id, string id, bool[] recent_answered)>()).ToList();

        var rests = new List<(long Campaign, string Number, DateTimeOffset Until)>();
        foreach (var (campaignId, numberId, recent) in recents)
        {
            var usage = new CallerNumberUsage(numberId, 0, null, null, recent);
            if (rotations[campaignId].CreateAnswerRateGuard().RestUntil(usage, now) is { } restUntil)
                rests.Add((campaignId, numberId, restUntil.ToUniversalTime()));
        }
        if (rests.Count > 0)
        {
            // Rested with a clean record, so it is judged afresh when it comes back.
            await connection.ExecuteAsync(new CommandDefinition("""
                update caller_numbers n set rested_until = r.until, recent_answered = '{}'
                from unnest(@campaigns, @numbers, @untils) as r(campaign_id, id, until)
                where n.campaign_id = r.campaign_id and n.id = r.id
                """, new
            {
                campaigns = rests.Select(r => r.Campaign).ToArray(),
                numbers = rests.Select(r => r.Number).ToArray(),
                untils = rests.Select(r => r.Until).ToArray(),
            }, transaction, cancellationToken: cancellationToken));
        }
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Whether the customer answered, for a caller number's answer rate; null when the call says nothing about it.</summary>
    private static bool? IsCustomerAnswer(CallOutcome outcome) => outcome switch
    {
        CallOutcome.Answered => true,
        CallOutcome.NoAnswer or CallOutcome.Busy or CallOutcome.Rejected => false,
        _ => null,
    };

    private sealed class AttemptRow
    {
        public long id { get; init; }
        public string status { get; init; } = "";
        public string? outcome { get; init; }
        public long campaign_id { get; init; }
        public long contact_id { get; init; }
        public string phone { get; init; } = "";
        public string? caller_number_id { get; init; }
        public int attempts { get; init; }
        public int attempts_today { get; init; }
        public string contact_state { get; init; } = "";
        public long latest_attempt { get; init; }
        public DateTime updated_at { get; init; }
    }
}
