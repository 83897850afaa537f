using AutoDialer.Core.Campaigns;
using AutoDialer.Core.Dispatch;
using AutoDialer.Core.Settlement;
using AutoDialer.Core.StoredWords;
using AutoDialer.PostgreSql.Campaigns;
using Dapper;
using Npgsql;

namespace AutoDialer.PostgreSql.Settlement;

/// <summary>
/// Writes outcomes and what follows from them, for a batch of attempts in one transaction of one locked read and one
/// write: the attempt is settled or revised, its contact finalised, rescheduled or suppressed, a blacklisted number
/// goes on the do-not-call list, and the caller number's answer record (and rest) is updated. What to write is
/// decided by <see cref="SettlementRules"/> from what the read found.
/// </summary>
public sealed class SettlementStore(NpgsqlDataSource dataSource, CampaignSettingsCache settingsCache)
{
    /// <summary>
    /// The attempts with what settlement decides on. Locks the attempts and their contacts in contact order, so what
    /// was read (a live status, a contact's state) still holds at the write, and a settlement that waited for a lock
    /// reads those rows as the holder left them. The latest attempt and the do-not-call column are as of the
    /// statement's start: a number listed after that is not seen here (the dial gate of issue 11 item 1 is to look at
    /// the list again at dial time).
    /// </summary>
    private const string ReadAttemptsSql = """
        select a.id, a.status, a.outcome, a.campaign_id, a.contact_id, a.phone, a.caller_number_id,
               c.attempts, c.attempts_today, c.state as contact_state,
               (select max(x.id) from attempts x where x.contact_id = a.contact_id) as latest_attempt,
               exists (select 1 from dnc d where d.phone = c.phone) as on_do_not_call,
               k.updated_at
        from attempts a
        join contacts c on c.id = a.contact_id
        join campaigns k on k.id = a.campaign_id
        where a.id = any(@ids)
        order by a.contact_id
        for update of a, c
        """;

    /// <summary>Settles or revises attempts locked by <see cref="ReadAttemptsSql"/>.</summary>
    private const string SettleAttemptsSql = $"""
        update attempts a
        set status = '{AttemptStatusNames.Settled}', outcome = u.outcome, ring_seconds = u.ring, talk_seconds = u.talk,
            vendor_code = coalesce(u.code, a.vendor_code), vendor_message = coalesce(u.message, a.vendor_message),
            call_id = coalesce(a.call_id, u.call_id), settled_at = @now
        from unnest(@ids, @outcomes, @rings, @talks, @codes, @messages, @callIds) as u(id, outcome, ring, talk, code, message, call_id)
        where a.id = u.id
        """;

    /// <summary>Moves contacts locked by <see cref="ReadAttemptsSql"/>; a null due time keeps the stored one.</summary>
    private const string MoveContactsSql = """
        update contacts c
        set state = u.state, next_due_at = coalesce(u.due, c.next_due_at), last_outcome = u.outcome,
            attempts = c.attempts - u.refund, attempts_today = greatest(c.attempts_today - u.refund, 0)
        from unnest(@contactIds, @states, @dues, @contactOutcomes, @refunds) as u(id, state, due, outcome, refund)
        where c.id = u.id
        """;

    /// <summary>A call refused before anything rang was no dial: it does not count toward the callee's frequency caps.</summary>
    private const string ForgetDialsSql = "delete from callee_dials where attempt_id = any(@notDialled)";

    /// <summary>
    /// The vendor says these numbers must not be called: they go on the list, and every campaign's contacts waiting
    /// for them are suppressed (locking those rows). Contacts being dialled are suppressed when their own attempt
    /// settles, because the read above sees the list.
    /// </summary>
    private const string AddToDoNotCallListSql = $"""
        insert into dnc (phone, source) select distinct unnest(@phones), 'blacklist' on conflict (phone) do nothing;
        update contacts set state = '{ContactStateNames.Suppressed}'
        where phone = any(@phones) and state in ('{ContactStateNames.Pending}', '{ContactStateNames.Deferred}')
        """;

    public async Task<int> SettleAsync(IReadOnlyList<AttemptSettlement> settlements, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (settlements.Count == 0) return 0;
        var byAttempt = settlements.GroupBy(s => s.AttemptId).ToDictionary(g => g.Key, g => g.Last());

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var rows = (await connection.QueryAsync<AttemptRow>(new CommandDefinition(ReadAttemptsSql,
            new { ids = byAttempt.Keys.ToArray() }, transaction, cancellationToken: cancellationToken))).ToList();

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
        var notDialled = new List<long>();
        var answerRecords = new Dictionary<(long Campaign, string Number), List<bool>>();

        foreach (var row in rows)
        {
            var settlement = byAttempt[row.id];
            var decision = SettlementRules.Decide(
                new AttemptFacts(AttemptStatusNames.Parse(row.status), row.outcome is null ? null : CallOutcomes.Parse(row.outcome), row.latest_attempt == row.id),
                new ContactFacts(ContactStateNames.Parse(row.contact_state), row.attempts, row.attempts_today, row.on_do_not_call),
                new ReportedOutcome(settlement.Outcome, settlement.NotDialled, settlement.OnlyIfLive, settlement.NotDialledDueLater),
                settingsOf[row.campaign_id].Retry, now);
            if (!decision.SettlesAttempt)
                continue;

            var outcome = settlement.Outcome.ToWireName();
            attemptUpdates.Add((row.id, outcome, settlement.RingSeconds, settlement.TalkSeconds, settlement.VendorCode, settlement.VendorMessage, settlement.CallId));
            if (decision.Contact is { } contact)
                contactUpdates.Add((row.contact_id, contact.State.ToName(), contact.Due?.ToUniversalTime(), outcome, contact.Refund ? 1 : 0));
            if (decision.Contact is { Refund: true })
                notDialled.Add(row.id);
            if (decision.AddsToDoNotCallList)
                blacklisted.Add(row.phone);
            if (row.caller_number_id is { } numberId && decision.AnswerRateSample is { } answered)
            {
                if (!answerRecords.TryGetValue((row.campaign_id, numberId), out var list))
                    answerRecords[(row.campaign_id, numberId)] = list = [];
                list.Add(answered);
            }
        }

        // Every write in one round trip, each statement only when it has rows: the counter triggers run per statement.
        var writes = new List<string>(4);
        if (attemptUpdates.Count > 0) writes.Add(SettleAttemptsSql);
        if (contactUpdates.Count > 0) writes.Add(MoveContactsSql);
        if (blacklisted.Count > 0) writes.Add(AddToDoNotCallListSql);
        if (notDialled.Count > 0) writes.Add(ForgetDialsSql);
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
                phones = blacklisted.ToArray(),
                notDialled = notDialled.ToArray(),
            }, transaction, cancellationToken: cancellationToken));
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
    private static async Task RecordAnswersAsync(NpgsqlConnection connection,
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
        public bool on_do_not_call { get; init; }
        public DateTime updated_at { get; init; }
    }
}
