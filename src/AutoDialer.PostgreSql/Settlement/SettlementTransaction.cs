using AutoDialer.Core.Campaigns;
using AutoDialer.Core.Dispositions;
using AutoDialer.Core.Settlement;
using AutoDialer.Core.StoredWords;
using AutoDialer.PostgreSql.Campaigns;
using AutoDialer.PostgreSql.Dispatch;
using Dapper;
using Npgsql;

namespace AutoDialer.PostgreSql.Settlement;

/// <summary>
/// One settlement, driven by the engine: <see cref="BeginAsync"/> reads the attempts locked (one round trip, and one per
/// campaign whose settings are not cached), <see cref="WriteAsync"/> writes what the engine decided in one round trip
/// and commits. Then, in a transaction of its own on the same connection, <see cref="AppendAnswersAsync"/> adds the
/// calls to their caller numbers' answer records and <see cref="RestAsync"/> rests the numbers the engine chose and
/// commits. Disposed early, it rolls back what was not committed.
/// </summary>
internal sealed class SettlementTransaction : IAsyncDisposable
{
    /// <summary>
    /// The attempts with what settlement decides on. Locks the attempts and their contacts in contact order, so what
    /// was read (a live status, a contact's state) still holds at the write, and a settlement that waited for a lock
    /// reads those rows as the holder left them. The latest attempt and the do-not-call column are as of the
    /// statement's start: a number listed after that is not seen here (the dial gate looks at the list again at dial
    /// time).
    /// </summary>
    private const string ReadAttemptsSql = """
        select a.id, a.status, a.outcome, a.campaign_id, a.contact_id, a.phone, a.caller_number_id, a.provider_account, a.agent_id, a.settled_at,
               a.disposition_code, a.disposition_effect, a.disposition_due_at, a.disposition_note, a.disposed_at,
               c.attempts, c.attempts_today, c.state as contact_state,
               (select max(x.id) from attempts x where x.contact_id = a.contact_id) as latest_attempt,
               exists (select 1 from dnc d where d.phone = c.phone) as on_do_not_call,
               a.phone = c.phone as dialled_current, c.number_failures,
               (select count(*) from contact_alternates x where x.contact_id = c.id)::int as alternates,
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
        set status = '{AttemptStatuses.Settled}', outcome = u.outcome, ring_seconds = u.ring, talk_seconds = u.talk,
            vendor_code = coalesce(u.code, a.vendor_code), vendor_message = coalesce(u.message, a.vendor_message),
            call_id = coalesce(a.call_id, u.call_id), settled_at = @now
        from unnest(@ids, @outcomes, @rings, @talks, @codes, @messages, @callIds) as u(id, outcome, ring, talk, code, message, call_id)
        where a.id = u.id
        """;

    /// <summary>
    /// Moves contacts locked by <see cref="ReadAttemptsSql"/>; a null due time keeps the stored one. The callback the
    /// contact waits for is the one the change names (none clears it), except on a refund: the call never happened, so a
    /// callback it was to dial is still owed.
    /// </summary>
    private const string MoveContactsSql = """
        update contacts c
        set state = u.state, next_due_at = coalesce(u.due, c.next_due_at), last_outcome = u.outcome,
            attempts = c.attempts - u.refund, attempts_today = greatest(c.attempts_today - u.refund, 0),
            callback_at = case when u.refund = 1 then c.callback_at else u.callback_at end,
            callback_agent_id = case when u.refund = 1 then c.callback_agent_id else u.callback_agent end,
            callback_owner_until = case when u.refund = 1 then c.callback_owner_until else u.callback_until end
        from unnest(@contactIds, @states, @dues, @contactOutcomes, @refunds, @callbackAts, @callbackAgents, @callbackUntils)
             as u(id, state, due, outcome, refund, callback_at, callback_agent, callback_until)
        where c.id = u.id
        """;

    /// <summary>
    /// Keeps the agents' dispositions with their attempts (locked by <see cref="ReadAttemptsSql"/>), as their contacts' last
    /// disposition, and in the campaigns' counts (a changed disposition moves its count from the old code to the new).
    /// </summary>
    private const string KeepDispositionsSql = """
        update attempts a
        set disposition_code = d.code, disposition_effect = d.effect, disposition_due_at = d.due, disposition_note = d.note, disposed_at = d.at
        from unnest(@dispositionIds, @dispositionCodes, @dispositionEffects, @dispositionDues, @dispositionNotes, @dispositionAts)
             as d(id, code, effect, due, note, at)
        where a.id = d.id;
        update contacts c set last_disposition = d.code
        from unnest(@dispositionContacts, @dispositionCodes) as d(id, code)
        where c.id = d.id;
        insert into campaign_dispositions as k (campaign_id, code, attempts)
        select campaign_id, code, sum(delta) from unnest(@countCampaigns, @countCodes, @countDeltas) as x(campaign_id, code, delta)
        group by campaign_id, code order by campaign_id, code
        on conflict (campaign_id, code) do update set attempts = k.attempts + excluded.attempts
        """;

    /// <summary>
    /// Puts each disposition kept on the audit trail, in the same transaction: the agent who recorded it (its provider
    /// account in the details), the attempt, its campaign and contact, the code, its effect, when the contact is due
    /// again, and the code it replaced. Only inserts.
    /// </summary>
    private const string AuditDispositionsSql = $"""
        insert into audit_entries (actor_kind, actor, action, target_type, target_id, campaign_id, details)
        select '{AuditActorKinds.Agent}', d.agent, '{AuditActions.DispositionRecord}', '{AuditTargets.Attempt}', a.id::text, a.campaign_id,
               jsonb_strip_nulls(jsonb_build_object('provider_account', a.provider_account, 'contact_id', d.contact, 'code', d.code,
                                                    'effect', d.effect, 'due_at', d.due, 'previous', d.previous))
        from unnest(@dispositionIds, @dispositionAgents, @dispositionContacts, @dispositionCodes, @dispositionEffects, @dispositionDues, @dispositionPrevious)
             as d(id, agent, contact, code, effect, due, previous)
        join attempts a on a.id = d.id
        order by d.id
        """;

    /// <summary>Agents kept in wrap-up until their call's disposition comes (one row per agent: its latest such call).</summary>
    private const string BeginWrapUpsSql = """
        insert into agent_wrap_ups as w (provider_account, agent_id, attempt_id, until)
        select * from unnest(@wrapAccounts, @wrapAgents, @wrapAttempts, @wrapUntils)
        on conflict (provider_account, agent_id) do update set attempt_id = excluded.attempt_id, until = excluded.until
        """;

    /// <summary>Ends the wrap-ups whose call's disposition was recorded (a later call's wrap-up stays).</summary>
    private const string EndWrapUpsSql = "delete from agent_wrap_ups where attempt_id = any(@wrapEnded)";

    /// <summary>A call refused before anything rang was no dial: it does not count toward the callee's frequency caps.</summary>
    private const string ForgetDialsSql = "delete from callee_dials where attempt_id = any(@notDialled)";

    /// <summary>The source recorded with a number the vendor blacklisted.</summary>
    public const string BlacklistSource = "blacklist";

    /// <summary>The source recorded with a number an agent's disposition put on the list.</summary>
    public const string DispositionSource = "disposition";

    /// <summary>
    /// The vendor, or the agent, says these numbers must not be called: they go on the list, and every campaign's contacts
    /// waiting for them are suppressed (locking those rows). Contacts being dialled are suppressed when their own attempt
    /// settles, because the read above sees the list.
    /// </summary>
    private const string AddToDoNotCallListSql = $"""
        insert into dnc (phone, source) select distinct unnest(@phones), @dncSource on conflict (phone) do nothing;
        update contacts set state = '{ContactStates.Suppressed}'
        where phone = any(@phones) and state in ('{ContactStates.Pending}', '{ContactStates.Deferred}') and {NextNumber.HasNoOtherNumberSql}
        """;

    /// <summary>
    /// Appends each caller number's latest results, keeping its window: the numbers locked in one global order (the one
    /// dispatch uses), all of them updated in one statement, their records returned.
    /// </summary>
    private const string AppendAnswersSql = """
        select 1 from caller_numbers n
        where (n.campaign_id, n.id) in (select * from unnest(@campaigns, @numbers))
        order by n.campaign_id, n.id
        for update;
        update caller_numbers n
        set recent_answered = (n.recent_answered || u.answers)[greatest(1, cardinality(n.recent_answered) + cardinality(u.answers) - u.size + 1):],
            recent_short = (n.recent_short || u.shorts)[greatest(1, cardinality(n.recent_short) + cardinality(u.shorts) - u.size + 1):],
            recent_rejected = (n.recent_rejected || u.rejects)[greatest(1, cardinality(n.recent_rejected) + cardinality(u.rejects) - u.size + 1):],
            answered_total = n.answered_total + u.answered
        from (select campaign_id, id, array_agg(answered order by ord) as answers, count(*) filter (where answered)::int as answered,
                     array_agg(short order by ord) as shorts, array_agg(rejected order by ord) as rejects, max(size) as size
              from unnest(@campaigns, @numbers, @answers, @orders, @windows, @shorts, @rejects) as a(campaign_id, id, answered, ord, size, short, rejected)
              group by campaign_id, id) u
        where n.campaign_id = u.campaign_id and n.id = u.id
        returning n.campaign_id, n.id, n.recent_answered
        """;

    /// <summary>Rests numbers locked by <see cref="AppendAnswersSql"/>, with a clean record, so each is judged afresh when it comes back.</summary>
    private const string RestNumbersSql = """
        update caller_numbers n set rested_until = r.until, recent_answered = '{}', recent_short = '{}', recent_rejected = '{}'
        from unnest(@campaigns, @numbers, @untils) as r(campaign_id, id, until)
        where n.campaign_id = r.campaign_id and n.id = r.id
        """;

    private readonly NpgsqlConnection _connection;
    private NpgsqlTransaction _transaction;

    private SettlementTransaction(NpgsqlConnection connection, NpgsqlTransaction transaction)
    {
        _connection = connection;
        _transaction = transaction;
    }

    /// <summary>The attempts, locked, in contact order.</summary>
    public IReadOnlyList<LockedAttempt> Attempts { get; private set; } = [];

    internal static async Task<SettlementTransaction> BeginAsync(NpgsqlDataSource dataSource, CampaignSettingsCache settingsCache,
        IReadOnlyCollection<long> attemptIds, CancellationToken cancellationToken)
    {
        var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        NpgsqlTransaction? transaction = null;
        try
        {
            transaction = await connection.BeginTransactionAsync(cancellationToken);
            var settlement = new SettlementTransaction(connection, transaction);
            await settlement.ReadAsync(settingsCache, attemptIds, cancellationToken);
            return settlement;
        }
        catch
        {
            if (transaction is not null) await transaction.DisposeAsync();
            await connection.DisposeAsync();
            throw;
        }
    }

    private async Task ReadAsync(CampaignSettingsCache settingsCache, IReadOnlyCollection<long> attemptIds, CancellationToken cancellationToken)
    {
        var rows = (await _connection.QueryAsync<AttemptRow>(new CommandDefinition(ReadAttemptsSql,
            new { ids = attemptIds.ToArray() }, _transaction, cancellationToken: cancellationToken))).ToList();

        // Each campaign's settings, read only when this version of them has not been parsed yet (they are large, the rows many).
        var settingsOf = new Dictionary<long, CampaignSettings>();
        foreach (var (campaignId, version) in rows.Select(r => (r.campaign_id, r.updated_at)).Distinct())
        {
            if (!settingsCache.TryGet(campaignId, version, out var cached))
            {
                var stored = await _connection.QuerySingleAsync<(string settings, string time_zone, DateTime updated_at)>(new CommandDefinition(
                    "select settings::text, time_zone, updated_at from campaigns where id = @campaignId",
                    new { campaignId }, _transaction, cancellationToken: cancellationToken));
                cached = settingsCache.Get(campaignId, stored.updated_at, stored.settings, stored.time_zone);
            }
            settingsOf[campaignId] = cached;
        }
        Attempts = rows.Select(r => new LockedAttempt(r.id, r.campaign_id, r.contact_id, r.phone, r.caller_number_id,
            new AttemptFacts(AttemptStatuses.Parse(r.status), r.outcome is null ? null : CallOutcomes.Parse(r.outcome), r.latest_attempt == r.id, r.Disposition()),
            new ContactFacts(ContactStates.Parse(r.contact_state), r.attempts, r.attempts_today, r.on_do_not_call),
            settingsOf[r.campaign_id])
        {
            Numbers = new ContactNumbers(r.dialled_current, r.number_failures, r.alternates),
            ProviderAccount = r.provider_account,
            AgentId = r.agent_id,
            SettledAt = r.settled_at is { } settled ? Utc(settled) : null,
        }).ToList();
    }

    /// <summary>Writes <paramref name="writes"/> in one round trip (each statement only when it has rows: the counter
    /// triggers run per statement) and commits. An addition to the do-not-call list an agent made takes the dial fence
    /// last (<see cref="AdvisoryLocks.DialFenceDoNotCallSql"/>), as the API's does: once it has committed, no call to the
    /// number that a gate let through before it is still to start.</summary>
    /// <param name="now">When the outcomes are recorded.</param>
    public async Task WriteAsync(SettlementWrites writes, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var statements = new List<string>(10);
        if (writes.Attempts.Count > 0) statements.Add(SettleAttemptsSql);
        if (writes.Dispositions.Count > 0) statements.AddRange([KeepDispositionsSql, AuditDispositionsSql]);
        if (writes.Contacts.Count > 0) statements.Add(MoveContactsSql);
        // Before the do-not-call additions, which suppress the contacts still holding a number just listed: one that
        // moved on from it holds its next number by then.
        var failures = writes.Contacts.Where(c => c.Number is { MovesOn: false }).ToList();
        var movingOn = writes.Contacts.Where(c => c.Number is { MovesOn: true }).Select(c => c.ContactId).ToArray();
        if (failures.Count > 0) statements.Add(NextNumber.FailuresSql);
        if (movingOn.Length > 0) statements.Add(NextNumber.Sql);
        if (writes.NotDialled.Count > 0) statements.Add(ForgetDialsSql);
        if (writes.WrapUps.Count > 0) statements.Add(BeginWrapUpsSql);
        if (writes.WrapUpsEnded.Count > 0) statements.Add(EndWrapUpsSql);
        if (writes.DoNotCallPhones.Count > 0)
        {
            statements.Add(AddToDoNotCallListSql);
            if (writes.DoNotCallFenced) statements.Add(AdvisoryLocks.DialFenceDoNotCallSql);
        }

        if (statements.Count > 0)
        {
            var attempts = writes.Attempts;
            var contacts = writes.Contacts;
            var dispositions = writes.Dispositions;
            var counts = dispositions.SelectMany(d => d.Previous == d.Disposition.Code ? []
                    : d.Previous is { } previous ? new[] { (d.CampaignId, previous, -1L), (d.CampaignId, d.Disposition.Code, 1L) } : [(d.CampaignId, d.Disposition.Code, 1L)])
                .ToList();
            await _connection.ExecuteAsync(new CommandDefinition(string.Join(";\n", statements), new
            {
                ids = attempts.Select(a => a.AttemptId).ToArray(),
                outcomes = attempts.Select(a => a.Outcome.ToName()).ToArray(),
                rings = attempts.Select(a => a.RingSeconds).ToArray(),
                talks = attempts.Select(a => a.TalkSeconds).ToArray(),
                codes = attempts.Select(a => a.VendorCode).ToArray(),
                messages = attempts.Select(a => a.VendorMessage).ToArray(),
                callIds = attempts.Select(a => a.CallId).ToArray(),
                now,
                contactIds = contacts.Select(c => c.ContactId).ToArray(),
                states = contacts.Select(c => c.Change.State.ToName()).ToArray(),
                dues = contacts.Select(c => c.Change.Due?.ToUniversalTime()).ToArray(),
                contactOutcomes = contacts.Select(c => c.Outcome.ToName()).ToArray(),
                refunds = contacts.Select(c => c.Change.Refund ? 1 : 0).ToArray(),
                callbackAts = contacts.Select(c => c.Change.Callback?.At.ToUniversalTime()).ToArray(),
                callbackAgents = contacts.Select(c => c.Change.Callback?.OwnerAgentId).ToArray(),
                callbackUntils = contacts.Select(c => c.Change.Callback?.OwnerUntil.ToUniversalTime()).ToArray(),
                dispositionIds = dispositions.Select(d => d.AttemptId).ToArray(),
                dispositionContacts = dispositions.Select(d => d.ContactId).ToArray(),
                dispositionCodes = dispositions.Select(d => d.Disposition.Code).ToArray(),
                dispositionEffects = dispositions.Select(d => d.Disposition.Effect.ToName()).ToArray(),
                dispositionDues = dispositions.Select(d => d.Disposition.DueAt?.ToUniversalTime()).ToArray(),
                dispositionNotes = dispositions.Select(d => d.Disposition.Note).ToArray(),
                dispositionAts = dispositions.Select(d => d.Disposition.At.ToUniversalTime()).ToArray(),
                dispositionAgents = dispositions.Select(d => d.Disposition.AgentId).ToArray(),
                dispositionPrevious = dispositions.Select(d => d.Previous).ToArray(),
                countCampaigns = counts.Select(c => c.Item1).ToArray(),
                countCodes = counts.Select(c => c.Item2).ToArray(),
                countDeltas = counts.Select(c => c.Item3).ToArray(),
                wrapAccounts = writes.WrapUps.Select(w => w.ProviderAccount).ToArray(),
                wrapAgents = writes.WrapUps.Select(w => w.AgentId).ToArray(),
                wrapAttempts = writes.WrapUps.Select(w => w.AttemptId).ToArray(),
                wrapUntils = writes.WrapUps.Select(w => w.Until.ToUniversalTime()).ToArray(),
                wrapEnded = writes.WrapUpsEnded.ToArray(),
                phones = writes.DoNotCallPhones.ToArray(),
                dncSource = writes.DoNotCallFenced ? DispositionSource : BlacklistSource,
                notDialled = writes.NotDialled.ToArray(),
                failureIds = failures.Select(c => c.ContactId).ToArray(),
                failures = failures.Select(c => c.Number!.Failures).ToArray(),
                nextNumberIds = movingOn,
            }, _transaction, cancellationToken: cancellationToken));
        }
        await _transaction.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// After <see cref="WriteAsync"/>, in a transaction of its own (dispatch holds contacts while it waits for caller
    /// numbers, so holding contacts here while taking caller numbers could close a cycle): appends <paramref name="samples"/>
    /// to their numbers' answer records, the numbers locked until <see cref="RestAsync"/>. Returns the records as they are now.
    /// </summary>
    public async Task<IReadOnlyList<AnswerRecord>> AppendAnswersAsync(IReadOnlyList<AnswerSample> samples, CancellationToken cancellationToken)
    {
        // Each number's samples in the order given, numbered from 0 in that order.
        var ordered = samples.GroupBy(s => (s.CampaignId, s.NumberId)).SelectMany(g => g.Select((sample, order) => (Sample: sample, Order: order))).ToList();
        await _transaction.DisposeAsync();
        _transaction = await _connection.BeginTransactionAsync(cancellationToken);
        await using var result = await _connection.QueryMultipleAsync(new CommandDefinition(AppendAnswersSql, new
        {
            campaigns = ordered.Select(a => a.Sample.CampaignId).ToArray(),
            numbers = ordered.Select(a => a.Sample.NumberId).ToArray(),
            answers = ordered.Select(a => a.Sample.Answered).ToArray(),
            orders = ordered.Select(a => a.Order).ToArray(),
            windows = ordered.Select(a => a.Sample.Window).ToArray(),
            shorts = ordered.Select(a => a.Sample.Short).ToArray(),
            rejects = ordered.Select(a => a.Sample.Rejected).ToArray(),
        }, _transaction, cancellationToken: cancellationToken));
        await result.ReadAsync();
        return (await result.ReadAsync<(long campaign_id, string id, bool[] recent_answered)>())
            .Select(r => new AnswerRecord(r.campaign_id, r.id, r.recent_answered)).ToList();
    }

    /// <summary>
    /// After <see cref="WriteAsync"/>, in a transaction of its own (as <see cref="AppendAnswersAsync"/>, for the same reason):
    /// the complaint and wrong-number dispositions among a caller number's recent calls, the disposition just
    /// written included. <see cref="RestAsync"/> then rests the number or not, and commits.
    /// </summary>
    public async Task<DispositionCounts> CountDispositionsAsync(DispositionWindow window, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(window);
        await _transaction.DisposeAsync();
        _transaction = await _connection.BeginTransactionAsync(cancellationToken);
        var counts = await CallerNumberDispositions.ReadAsync(_connection, [window], _transaction, cancellationToken);
        return counts.Of((window.CampaignId, window.NumberId));
    }

    /// <summary>Rests <paramref name="rests"/> (numbers whose answer rate collapsed, or past their complaints or wrong numbers) and commits the answers appended.</summary>
    public async Task RestAsync(IReadOnlyList<NumberRest> rests, CancellationToken cancellationToken)
    {
        if (rests.Count > 0)
        {
            await _connection.ExecuteAsync(new CommandDefinition(RestNumbersSql, new
            {
                campaigns = rests.Select(r => r.CampaignId).ToArray(),
                numbers = rests.Select(r => r.NumberId).ToArray(),
                untils = rests.Select(r => r.Until.ToUniversalTime()).ToArray(),
            }, _transaction, cancellationToken: cancellationToken));
        }
        await _transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Rolls back what was not committed and gives the connection back.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            await _transaction.DisposeAsync();
        }
        finally
        {
            await _connection.DisposeAsync();
        }
    }

    private static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));

    private sealed class AttemptRow
    {
        public string provider_account { get; init; } = "";
        public string agent_id { get; init; } = "";
        public DateTime? settled_at { get; init; }
        public string? disposition_code { get; init; }
        public string? disposition_effect { get; init; }
        public DateTime? disposition_due_at { get; init; }
        public string? disposition_note { get; init; }
        public DateTime? disposed_at { get; init; }

        public StoredDisposition? Disposition() =>
            disposition_code is { } code && disposition_effect is { } effect && disposed_at is { } at
                ? new StoredDisposition(code, DispositionEffects.Parse(effect), disposition_due_at is { } due ? Utc(due) : null, agent_id, Utc(at), disposition_note)
                : null;

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
        public bool dialled_current { get; init; }
        public int number_failures { get; init; }
        public int alternates { get; init; }
        public DateTime updated_at { get; init; }
    }
}
