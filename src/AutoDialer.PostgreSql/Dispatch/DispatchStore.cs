using AutoDialer.Core.Campaigns;
using AutoDialer.Core.Dispatch;
using AutoDialer.Core.StoredWords;
using AutoDialer.PostgreSql.Campaigns;
using Dapper;
using Npgsql;

namespace AutoDialer.PostgreSql.Dispatch;

/// <summary>
/// The storage half of dispatch. <see cref="LeaseAsync"/> is one transaction: the campaign must be running (read with
/// a share lock, so a pause waits for in-flight leases and then stops the next one), the agent must have no live
/// attempt, the next due contacts are locked with SKIP LOCKED (so parallel dispatchers on any node never collide) and
/// put through the <see cref="DialGate"/> with facts read now (do-not-call list, current budget, frequency caps), the
/// caller number is chosen and its use counted, and the attempt is written before anything is dialled.
/// <see cref="RecheckAsync"/> asks the gate again just before make-call, under a <see cref="DialFence"/> that operators'
/// changes wait for, and <see cref="ReleaseAsync"/> gives back what it refuses.
/// </summary>
public sealed class DispatchStore(NpgsqlDataSource dataSource, CampaignSettingsCache settingsCache, FrequencyCaps? defaultCaps = null)
{
    /// <summary>
    /// The next due contacts, locked, with what the gate needs to know of them now; those locked by other leases are
    /// skipped and those already looked at excluded. A lease locks as many as it has agents, no more, so leases
    /// running at once do not starve each other.
    /// </summary>
    private const string DueContactsSql = """
        select c.id, c.phone, c.timezone, c.attempts, c.attempts_today, exists (select 1 from dnc d where d.phone = c.phone) as on_dnc
        from contacts c
        where c.campaign_id = @campaignId and c.state = 'pending' and c.next_due_at <= @now and c.id <> all(@seen)
        order by c.priority desc, c.next_due_at
        limit @limit
        for update of c skip locked
        """;

    /// <summary>
    /// Takes each callee's lock without waiting (a callee another lease holds is being dialled right now: skip it) and,
    /// in a statement of its own so it sees what earlier holders committed, reads its recent dials by every campaign.
    /// </summary>
    private const string CalleeDialsSql = """
        select phone from unnest(@phones) as phone where pg_try_advisory_xact_lock(hashtextextended('callee/' || phone, 13));
        select phone, dialled_at, caller_number from callee_dials where phone = any(@phones) and dialled_at > @since;
        """;

    private const string CountRefusalsSql = """
        insert into dial_gate_refusals as r (campaign_id, stage, reason, refusals)
        select campaign_id, @stage, reason, count(*) from unnest(@refusedCampaigns, @refusedReasons) as f(campaign_id, reason)
        group by campaign_id, reason order by campaign_id, reason
        on conflict (campaign_id, stage, reason) do update set refusals = r.refusals + excluded.refusals
        """;

    /// <summary>How many pages of due contacts one lease looks through when some are refused by the gate.</summary>
    private const int MaxCandidatePages = 4;

    /// <summary>The frequency caps in force for a campaign: its own, else the installation's.</summary>
    public FrequencyCaps CapsFor(CampaignSettings settings) => settings.FrequencyCaps ?? defaultCaps ?? FrequencyCaps.Default;

    public async Task<IReadOnlyList<RunningCampaign>> RunningCampaignsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<(long id, string name, string settings, string time_zone, DateTime updated_at)>(new CommandDefinition(
            "select id, name, settings::text, time_zone, updated_at from campaigns where state = 'running'", cancellationToken: cancellationToken));
        return rows.Select(r => new RunningCampaign(r.id, r.name, settingsCache.Get(r.id, r.updated_at, r.settings, r.time_zone))).ToList();
    }

    /// <summary>
    /// Leases one due contact each for as many of <paramref name="agentIds"/> (idle agents of one account, all assigned
    /// to <paramref name="campaign"/>) as there is work for, in three round trips whatever their number (four with
    /// frequency caps on): everything read and locked, the gate's decisions made here, everything written, commit.
    /// Agents left out got nothing (busy elsewhere, or nothing the gate lets through); the order of
    /// <paramref name="agentIds"/> is the order of service. A contact the gate refuses is moved where its reason
    /// says (suppressed, done, deferred, or due again when it may be dialled) and the refusal counted.
    /// </summary>
    public async Task<IReadOnlyList<DialLease>> LeaseAsync(RunningCampaign campaign, string providerAccount, IReadOnlyList<string> agentIds,
        string node, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var distinctAgents = agentIds.Distinct().ToArray();
        if (distinctAgents.Length == 0) return [];
        var settings = campaign.Settings;
        var caps = CapsFor(settings);
        var hasNumbers = settings.CallerNumbers.Count > 0;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        // The campaign under a share lock (a pause waits for this lease, then stops the next); one lease per agent at a
        // time across every node (advisory locks, taken in one global order so two batches never deadlock) and only
        // for agents without a live attempt; due contacts locked with SKIP LOCKED so parallel leases never collide;
        // the campaign's caller numbers locked when the choice depends on their use, so caps and cooldowns hold across nodes.
        await using var read = await connection.QueryMultipleAsync(new CommandDefinition($"""
            select state from campaigns where id = @campaignId for share;
            select pg_advisory_xact_lock(hashtextextended(@providerAccount || '/' || agent, 7))
            from unnest(@agentIds) as agent order by hashtextextended(@providerAccount || '/' || agent, 7);
            -- A statement of its own, so its snapshot is taken after the locks: it sees what their last holder committed.
            select agent from unnest(@agentIds) as agent
            where not exists (select 1 from attempts a where a.provider_account = @providerAccount and a.agent_id = agent and a.settled_at is null);
            {DueContactsSql};
            select nextval('attempts_id_seq') from generate_series(1, @agentCount);
            select id, used_on, used_today, last_used_at, rested_until, recent_answered from caller_numbers
            where campaign_id = @campaignId and @hasNumbers order by id {(settings.Rotation.ChoosesByUse(settings.CallerNumbers) ? "for update" : "")};
            """, new
        {
            campaignId = campaign.Id, providerAccount, agentIds = distinctAgents, now = now.ToUniversalTime(),
            limit = distinctAgents.Length, seen = Array.Empty<long>(), agentCount = distinctAgents.Length, hasNumbers,
        }, transaction, cancellationToken: cancellationToken));
        var state = await read.ReadSingleOrDefaultAsync<string?>();
        await read.ReadAsync();
        var free = (await read.ReadAsync<string>()).ToHashSet(StringComparer.Ordinal);
        var candidates = (await read.ReadAsync<Candidate>()).ToList();
        var attemptIds = new Queue<long>(await read.ReadAsync<long>());
        var usageRows = (await read.ReadAsync<CallerNumberUsageRow>()).ToList();
        if (state != "running")
            return [];

        var agents = new Queue<string>(distinctAgents.Where(free.Contains));
        var callerNumbers = new CallerNumberPicker(campaign, usageRows, now);
        var leases = new List<DialLease>();
        var callerE164 = new List<string?>();
        var moves = new ContactMoves();
        var seen = new List<long>();
        var limit = distinctAgents.Length;
        for (var page = 1; ; page++)
        {
            var dials = await RecentDialsAsync(connection, transaction, caps, candidates.Where(c => !c.on_dnc).Select(c => c.phone), now, cancellationToken);
            foreach (var candidate in candidates)
            {
                if (agents.Count == 0) break;
                seen.Add(candidate.id);
                if (dials is not null && !dials.ContainsKey(candidate.phone) && !candidate.on_dnc)
                    continue; // Another lease is dialling this callee right now; it stays due.
                var recent = dials?.GetValueOrDefault(candidate.phone) ?? [];
                var facts = new DialCandidate(true, candidate.on_dnc, candidate.attempts, candidate.attempts_today, candidate.timezone, recent);
                if (DialGate.Check(facts, settings.Retry, settings.Schedule, caps, now) is DialVerdict.Refused refused)
                {
                    moves.Refuse(candidate.id, refused);
                    continue;
                }
                var excluded = DialGate.CappedCallerNumbers(recent, caps, now);
                if (callerNumbers.AllExcluded(excluded))
                {
                    var freesAt = excluded.Select(number => DialGate.FrequencyFreesAt(recent, caps, now, number) ?? now).Min();
                    moves.Refuse(candidate.id, new DialVerdict.Refused(DialRefusal.FrequencyCap, freesAt));
                    continue;
                }
                var attemptId = attemptIds.Dequeue();
                var callerNumber = callerNumbers.Pick(candidate.phone, attemptId, excluded);
                leases.Add(new DialLease(attemptId, campaign.Id, candidate.id, agents.Dequeue(), candidate.phone, DialString.FromE164(candidate.phone),
                    callerNumber?.Id, callerNumber is null ? null : DialString.FromE164(callerNumber.Number)));
                callerE164.Add(callerNumber?.Number);
            }
            if (agents.Count == 0 || candidates.Count < limit || page == MaxCandidatePages)
                break;
            // Some were refused and agents are left: look further, past what was seen.
            limit = agents.Count;
            candidates = (await connection.QueryAsync<Candidate>(new CommandDefinition(DueContactsSql,
                new { campaignId = campaign.Id, now = now.ToUniversalTime(), seen = seen.ToArray(), limit }, transaction,
                cancellationToken: cancellationToken))).ToList();
        }
        if (leases.Count == 0 && moves.IsEmpty)
            return [];

        var used = leases.Where(l => l.CallerNumberId is not null).GroupBy(l => l.CallerNumberId!).Select(g => (Id: g.Key, Count: g.Count())).ToList();
        var writes = new List<string>();
        if (!moves.IsEmpty)
            writes.Add(ContactMoves.Sql);
        if (moves.Refused.Count > 0)
            writes.Add(CountRefusalsSql);
        if (leases.Count > 0)
            writes.Add("""
                insert into attempts (id, campaign_id, contact_id, provider_account, agent_id, phone, dial_string, caller_number_id, caller_number, node, created_at)
                select l.id, @campaignId, l.contact_id, @providerAccount, l.agent_id, l.phone, l.dial_string, l.caller_id, l.caller_number, @node, @now
                from unnest(@ids, @contactIds, @leaseAgents, @phones, @dialStrings, @callerIds, @callerNumbers)
                     as l(id, contact_id, agent_id, phone, dial_string, caller_id, caller_number);
                insert into callee_dials (attempt_id, phone, caller_number, campaign_id, dialled_at)
                select id, phone, caller_number, @campaignId, @now from unnest(@ids, @phones, @callerNumbers) as l(id, phone, caller_number);
                update contacts set state = 'dialing', attempts = attempts + 1, attempts_today = attempts_today + 1, last_attempt_at = @now, wait_reason = null
                where id = any(@contactIds);
                -- In id order, as settlement does when it records answers: an update takes row locks in whatever order its
                -- join yields them, and two transactions locking the same numbers in different orders deadlock.
                select 1 from caller_numbers where campaign_id = @campaignId and id = any(@numberIds) order by id for update;
                update caller_numbers n
                set used_today = case when n.used_on = @today then n.used_today + u.uses else u.uses end,
                    used_on = @today, last_used_at = @now, calls_total = n.calls_total + u.uses
                from unnest(@numberIds, @numberUses) as u(id, uses)
                where n.campaign_id = @campaignId and n.id = u.id
                """);
        var parameters = new DynamicParameters(new
        {
            campaignId = campaign.Id, providerAccount, node, now = now.ToUniversalTime(),
            ids = leases.Select(l => l.AttemptId).ToArray(),
            contactIds = leases.Select(l => l.ContactId).ToArray(),
            leaseAgents = leases.Select(l => l.AgentId).ToArray(),
            phones = leases.Select(l => l.Phone).ToArray(),
            dialStrings = leases.Select(l => l.DialString).ToArray(),
            callerIds = leases.Select(l => l.CallerNumberId).ToArray(),
            callerNumbers = callerE164.ToArray(),
            today = callerNumbers.Today,
            numberIds = used.Select(u => u.Id).ToArray(),
            numberUses = used.Select(u => u.Count).ToArray(),
            stage = "lease",
            refusedCampaigns = moves.Refused.Select(_ => campaign.Id).ToArray(),
            refusedReasons = moves.Refused.Select(r => r.ToStoredName()).ToArray(),
        });
        moves.AddParameters(parameters);
        await connection.ExecuteAsync(new CommandDefinition(string.Join(";\n", writes), parameters, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return leases;
    }

    /// <summary>
    /// Each callee's dials within the caps' lookback, for the callees whose lock this lease took (a callee missing from
    /// the answer is being dialled by another lease); null when no cap is on (nothing to count, nothing to lock).
    /// </summary>
    private static async Task<Dictionary<string, List<CalleeDial>>?> RecentDialsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        FrequencyCaps caps, IEnumerable<string> phones, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (!caps.AnyOn) return null;
        var distinct = phones.Distinct(StringComparer.Ordinal).ToArray();
        var result = new Dictionary<string, List<CalleeDial>>(StringComparer.Ordinal);
        if (distinct.Length == 0) return result;
        await using var read = await connection.QueryMultipleAsync(new CommandDefinition(CalleeDialsSql,
            new { phones = distinct, since = (now - caps.Lookback).ToUniversalTime() }, transaction, cancellationToken: cancellationToken));
        foreach (var phone in await read.ReadAsync<string>())
            result[phone] = [];
        foreach (var (phone, at, caller) in await read.ReadAsync<(string phone, DateTime dialled_at, string? caller_number)>())
        {
            if (result.TryGetValue(phone, out var list))
                list.Add(new CalleeDial(new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc)), caller));
        }
        return result;
    }

    /// <summary>
    /// The gate's second word, just before make-call (after trunk selection, which can take a while): the leases'
    /// campaigns, contacts, the do-not-call list and the callees' dials read again in one round trip, each lease
    /// judged as if it were not yet made. Returns one verdict per lease, in order, and the <see cref="DialFence"/>
    /// taken before the reads, which the caller holds until the allowed make-calls have been answered.
    /// </summary>
    public async Task<(IReadOnlyList<DialVerdict> Verdicts, DialFence Fence)> RecheckAsync(IReadOnlyList<DialLease> leases, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        if (leases.Count == 0) return ([], DialFence.None);
        var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        DialFence? fence = null;
        try
        {
            fence = new DialFence(connection, await connection.BeginTransactionAsync(cancellationToken));
            return (await RecheckUnderFenceAsync(connection, leases, now, cancellationToken), fence);
        }
        catch
        {
            if (fence is not null) await fence.DisposeAsync();
            else await connection.DisposeAsync();
            throw;
        }
    }

    private async Task<IReadOnlyList<DialVerdict>> RecheckUnderFenceAsync(NpgsqlConnection connection, IReadOnlyList<DialLease> leases, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var since = (now - TimeSpan.FromDays(7)).ToUniversalTime();
        // The fence first; the reads are statements of their own after it, so they see whatever a change that held
        // the fence's locks before us committed.
        await using var read = await connection.QueryMultipleAsync(new CommandDefinition($"""
            {DialFenceLocks.SharedSql};
            select id, state, updated_at from campaigns where id = any(@campaignIds);
            select a.id, c.attempts, c.attempts_today, c.timezone, exists (select 1 from dnc d where d.phone = a.phone) as on_dnc
            from attempts a join contacts c on c.id = a.contact_id where a.id = any(@ids);
            select attempt_id, phone, dialled_at, caller_number from callee_dials where phone = any(@phones) and dialled_at > @since;
            """, new
        {
            campaignIds = leases.Select(l => l.CampaignId).Distinct().ToArray(),
            ids = leases.Select(l => l.AttemptId).ToArray(),
            phones = leases.Select(l => l.Phone).Distinct().ToArray(),
            since,
        }, cancellationToken: cancellationToken));
        await read.ReadAsync(); // the fence's locks
        var states = (await read.ReadAsync<(long id, string state, DateTime updated_at)>()).ToList();
        var contactOf = (await read.ReadAsync<(long id, int attempts, int attempts_today, string? timezone, bool on_dnc)>()).ToDictionary(c => c.id);
        var dials = (await read.ReadAsync<(long attempt_id, string phone, DateTime dialled_at, string? caller_number)>()).ToList();
        await read.DisposeAsync(); // the connection runs one command at a time
        var campaigns = new Dictionary<long, (bool Running, CampaignSettings Settings)>();
        foreach (var (id, state, version) in states)
        {
            // The settings as they are now: read again only when this version of them has not been parsed yet.
            if (!settingsCache.TryGet(id, version, out var settings))
            {
                var stored = await connection.QuerySingleAsync<(string settings, string time_zone, DateTime updated_at)>(new CommandDefinition(
                    "select settings::text, time_zone, updated_at from campaigns where id = @id", new { id }, cancellationToken: cancellationToken));
                settings = settingsCache.Get(id, stored.updated_at, stored.settings, stored.time_zone);
            }
            campaigns[id] = (state == "running", settings);
        }

        var verdicts = new List<DialVerdict>(leases.Count);
        foreach (var lease in leases)
        {
            if (!campaigns.TryGetValue(lease.CampaignId, out var campaign) || !contactOf.TryGetValue(lease.AttemptId, out var contact))
            {
                // The attempt or its campaign is gone: nothing is dialled for it.
                verdicts.Add(new DialVerdict.Refused(DialRefusal.CampaignNotRunning));
                continue;
            }
            var settings = campaign.Settings;
            var recent = dials.Where(d => d.phone == lease.Phone && d.attempt_id != lease.AttemptId)
                .Select(d => new CalleeDial(new DateTimeOffset(DateTime.SpecifyKind(d.dialled_at, DateTimeKind.Utc)), d.caller_number)).ToList();
            // The contact's counts include this lease's attempt: judged as before it was made.
            var facts = new DialCandidate(campaign.Running, contact.on_dnc, Math.Max(contact.attempts - 1, 0), Math.Max(contact.attempts_today - 1, 0),
                contact.timezone, recent);
            var callerNumber = settings.CallerNumbers.FirstOrDefault(n => n.Id == lease.CallerNumberId)?.Number;
            verdicts.Add(DialGate.Check(facts, settings.Retry, settings.Schedule, CapsFor(settings), now, callerNumber));
        }
        return verdicts;
    }

    /// <summary>
    /// Gives back leases the second check refused, before anything was dialled: the attempt and its dial are removed,
    /// the contact gets its attempt back and goes where the refusal says, and the refusals are counted.
    /// </summary>
    public async Task ReleaseAsync(IReadOnlyList<(DialLease Lease, DialVerdict.Refused Refused)> refused, CancellationToken cancellationToken)
    {
        if (refused.Count == 0) return;
        var moves = new ContactMoves();
        foreach (var (lease, verdict) in refused)
            moves.Refuse(lease.ContactId, verdict, refund: 1);
        var parameters = new DynamicParameters(new
        {
            ids = refused.Select(r => r.Lease.AttemptId).ToArray(),
            stage = "dial",
            refusedCampaigns = refused.Select(r => r.Lease.CampaignId).ToArray(),
            refusedReasons = refused.Select(r => r.Refused.Reason.ToStoredName()).ToArray(),
        });
        moves.AddParameters(parameters);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition($"""
            delete from callee_dials where attempt_id = any(@ids);
            delete from attempts where id = any(@ids) and status = 'dialing';
            {ContactMoves.Sql};
            {CountRefusalsSql}
            """, parameters, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>The provider accepted these calls: they are ringing or about to. One statement for a batch.</summary>
    public async Task MarkPlacedAsync(IReadOnlyList<(long AttemptId, string? CallId)> placed, CancellationToken cancellationToken)
    {
        if (placed.Count == 0) return;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("""
            update attempts a set status = 'placed', call_id = coalesce(a.call_id, p.call_id)
            from unnest(@ids, @callIds) as p(id, call_id)
            where a.id = p.id and a.status = 'dialing'
            """, new { ids = placed.Select(p => p.AttemptId).ToArray(), callIds = placed.Select(p => p.CallId).ToArray() },
            cancellationToken: cancellationToken));
    }

    /// <summary>
    /// Make-call timed out or the session went away: whether the phone rang is unknown. The attempt stays live (the
    /// contact is not redialled) until its events arrive or the stale-attempt sweeper settles it.
    /// </summary>
    public async Task MarkUnknownAsync(long attemptId, string vendorCode, string vendorMessage, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("""
            update attempts set status = 'unknown', vendor_code = @vendorCode, vendor_message = @vendorMessage
            where id = @attemptId and status = 'dialing'
            """, new { attemptId, vendorCode, vendorMessage }, cancellationToken: cancellationToken));
    }

    private sealed record Candidate(long id, string phone, string? timezone, int attempts, int attempts_today, bool on_dnc);
}
