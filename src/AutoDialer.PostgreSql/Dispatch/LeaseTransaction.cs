using AutoDialer.Core.Callbacks;
using AutoDialer.Core.Dispatch;
using AutoDialer.Core.StoredWords;
using Dapper;
using Npgsql;

namespace AutoDialer.PostgreSql.Dispatch;

/// <summary>
/// One lease, one transaction, driven by the engine: <see cref="BeginAsync"/> reads and locks what the lease decides on
/// (the campaign's state, the agents, the first page of due contacts, attempt ids, the caller numbers) in one round trip;
/// <see cref="LockCalleesAsync"/> and <see cref="ReadDueContactsAsync"/> read more as the engine asks; <see cref="WriteAsync"/>
/// writes the plan the engine made and commits. Disposed without a write, it rolls back and lets every lock go.
/// </summary>
/// <remarks>
/// The campaign is read under a share lock (a pause waits for this lease, then stops the next); each agent's lock is
/// taken in one global order across every node (<see cref="AdvisoryLocks.AgentLeaseSql"/>), and its live attempt read
/// after it; due contacts are locked with SKIP LOCKED, so parallel leases never collide; the caller numbers are locked
/// when the choice depends on their use (<see cref="CallerNumberRead.Lock"/>), so caps and cooldowns hold across nodes.
/// </remarks>
internal sealed class LeaseTransaction : IAsyncDisposable
{
    /// <summary>
    /// The next due contacts, locked, with what the gate needs to know of them now; those locked by other leases are
    /// skipped and those already looked at excluded. A lease locks as many as it has agents, no more, so leases
    /// running at once do not starve each other.
    /// </summary>
    private const string DueContactsSql = $"""
        select c.id, c.phone, c.timezone, c.attempts, c.attempts_today, exists (select 1 from dnc d where d.phone = c.phone) as on_dnc,
               c.province, c.city, null::timestamptz as callback_at, null::text as callback_agent_id, null::timestamptz as callback_owner_until
        from contacts c
        where c.campaign_id = @campaignId and c.state = '{ContactStates.Pending}' and c.next_due_at <= @now and c.id <> all(@seen)
          and c.callback_at is null
        order by c.priority desc, c.next_due_at
        limit @limit
        for update of c skip locked
        """;

    /// <summary>
    /// Due callbacks, read before other contacts (a callback is dialled at its time, not behind the list), locked like
    /// them: those this lease's agents may take, by their owner among them or with the owner's grace over.
    /// </summary>
    private const string DueCallbacksSql = $"""
        select c.id, c.phone, c.timezone, c.attempts, c.attempts_today, exists (select 1 from dnc d where d.phone = c.phone) as on_dnc,
               c.province, c.city, c.callback_at, c.callback_agent_id, c.callback_owner_until
        from contacts c
        where c.campaign_id = @campaignId and c.state = '{ContactStates.Pending}' and c.callback_at is not null and c.next_due_at <= @now
          and (c.callback_owner_until <= @now or c.callback_agent_id = any(@agentIds))
        order by c.next_due_at
        limit @limit
        for update of c skip locked
        """;

    /// <summary>
    /// Takes each callee's lock without waiting (<see cref="AdvisoryLocks.CalleeTryLockSql"/>) and, in statements of their
    /// own so they see what earlier holders committed, reads which callees have a live attempt in any campaign (the guard
    /// that outlasts the lock: one person is in one call at a time, whichever campaigns list them) and their recent dials
    /// by every campaign.
    /// </summary>
    private static readonly string CalleeDialsSql = $"""
        {AdvisoryLocks.CalleeTryLockSql};
        select distinct phone from attempts where phone = any(@phones) and settled_at is null;
        {RecentDialsSql};
        """;

    /// <summary>The callees' dials by every campaign since <c>@since</c>.</summary>
    internal const string RecentDialsSql = "select phone, dialled_at, caller_number from callee_dials where phone = any(@phones) and dialled_at > @since";

    /// <summary>Writes the leases: attempts (offered until <c>@offerExpiresAt</c> in preview, else dialing), the callees'
    /// dials, the contacts marked dialing, the caller numbers' use.</summary>
    private const string WriteLeasesSql = $"""
        insert into attempts (id, campaign_id, contact_id, provider_account, agent_id, phone, dial_string, caller_number_id, caller_number, node, created_at,
                              status, offer_expires_at, callback_at, callback_agent_id, callback_owner_until)
        select l.id, @campaignId, l.contact_id, @providerAccount, l.agent_id, l.phone, l.dial_string, l.caller_id, l.caller_number, @node, @now,
               case when @offerExpiresAt::timestamptz is null then '{AttemptStatuses.Dialing}' else '{AttemptStatuses.Offered}' end, @offerExpiresAt,
               l.callback_at, l.callback_agent, l.callback_until
        from unnest(@ids, @contactIds, @leaseAgents, @phones, @dialStrings, @callerIds, @callerNumbers, @callbackAts, @callbackAgents, @callbackUntils)
             as l(id, contact_id, agent_id, phone, dial_string, caller_id, caller_number, callback_at, callback_agent, callback_until);
        insert into callee_dials (attempt_id, phone, caller_number, campaign_id, dialled_at)
        select id, phone, caller_number, @campaignId, @now from unnest(@ids, @phones, @callerNumbers) as l(id, phone, caller_number);
        update contacts set state = '{ContactStates.Dialing}', attempts = attempts + 1, attempts_today = attempts_today + 1, last_attempt_at = @now, wait_reason = null
        where id = any(@contactIds);
        -- In id order, as settlement does when it records answers: an update takes row locks in whatever order its
        -- join yields them, and two transactions locking the same numbers in different orders deadlock.
        select 1 from caller_numbers where campaign_id = @campaignId and id = any(@numberIds) order by id for update;
        update caller_numbers n
        set used_today = case when n.used_on = @today then n.used_today + u.uses else u.uses end,
            used_on = @today, last_used_at = @now, calls_total = n.calls_total + u.uses
        from unnest(@numberIds, @numberUses) as u(id, uses)
        where n.campaign_id = @campaignId and n.id = u.id
        """;

    private readonly NpgsqlConnection _connection;
    private readonly NpgsqlTransaction _transaction;
    private readonly long _campaignId;
    private readonly string _providerAccount;
    private readonly DateTimeOffset _now;

    private LeaseTransaction(NpgsqlConnection connection, NpgsqlTransaction transaction, long campaignId, string providerAccount, DateTimeOffset now)
    {
        _connection = connection;
        _transaction = transaction;
        _campaignId = campaignId;
        _providerAccount = providerAccount;
        _now = now;
    }

    /// <summary>The campaign is running (read under a share lock): when it is not, nothing may be leased.</summary>
    public bool CampaignRunning { get; private set; }

    /// <summary>The agents asked for that have no live attempt (read after their locks), in the order asked.</summary>
    public IReadOnlyList<string> FreeAgents { get; private set; } = [];

    /// <summary>The first page of due contacts, locked: the due callbacks this lease's agents may take, then as many others as agents were asked for.</summary>
    public IReadOnlyList<LeaseCandidate> DueContacts { get; private set; } = [];

    /// <summary>Attempt ids drawn from the shared sequence, one per agent asked for.</summary>
    public IReadOnlyList<long> AttemptIds { get; private set; } = [];

    /// <summary>The campaign's caller numbers as stored (none unless asked for).</summary>
    public IReadOnlyList<CallerNumberRecord> CallerNumbers { get; private set; } = [];

    internal static async Task<LeaseTransaction> BeginAsync(NpgsqlDataSource dataSource, long campaignId, string providerAccount,
        IReadOnlyList<string> agentIds, DateTimeOffset now, CallerNumberRead callerNumbers, CancellationToken cancellationToken)
    {
        var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        NpgsqlTransaction? transaction = null;
        try
        {
            transaction = await connection.BeginTransactionAsync(cancellationToken);
            var lease = new LeaseTransaction(connection, transaction, campaignId, providerAccount, now);
            await lease.ReadAsync(agentIds, callerNumbers, cancellationToken);
            return lease;
        }
        catch
        {
            if (transaction is not null) await transaction.DisposeAsync();
            await connection.DisposeAsync();
            throw;
        }
    }

    private async Task ReadAsync(IReadOnlyList<string> agentIds, CallerNumberRead callerNumbers, CancellationToken cancellationToken)
    {
        await using var read = await _connection.QueryMultipleAsync(new CommandDefinition($"""
            select state from campaigns where id = @campaignId for share;
            {AdvisoryLocks.AgentLeaseSql};
            -- A statement of its own, so its snapshot is taken after the locks: it sees what their last holder committed.
            -- An agent in wrap-up, its last call's disposition still awaited, is not free either.
            select agent from unnest(@agentIds) as agent
            where not exists (select 1 from attempts a where a.provider_account = @providerAccount and a.agent_id = agent and a.settled_at is null)
              and not exists (select 1 from agent_wrap_ups w where w.provider_account = @providerAccount and w.agent_id = agent and w.until > @now);
            {DueCallbacksSql};
            {DueContactsSql};
            select nextval('attempts_id_seq') from generate_series(1, @agentCount);
            select id, used_on, used_today, last_used_at, rested_until, recent_answered from caller_numbers
            where campaign_id = @campaignId and @hasNumbers order by id {(callerNumbers == CallerNumberRead.Lock ? "for update" : "")};
            """, new
        {
            campaignId = _campaignId, providerAccount = _providerAccount, agentIds = agentIds.ToArray(), now = _now.ToUniversalTime(),
            limit = agentIds.Count, seen = Array.Empty<long>(), agentCount = agentIds.Count, hasNumbers = callerNumbers != CallerNumberRead.None,
        }, _transaction, cancellationToken: cancellationToken));
        var state = await read.ReadSingleOrDefaultAsync<string?>();
        await read.ReadAsync();
        var free = (await read.ReadAsync<string>()).ToHashSet(StringComparer.Ordinal);
        var callbacks = (await read.ReadAsync<CandidateRow>()).Select(c => c.ToCandidate()).ToList();
        DueContacts = [.. callbacks, .. (await read.ReadAsync<CandidateRow>()).Select(c => c.ToCandidate())];
        AttemptIds = (await read.ReadAsync<long>()).ToList();
        CallerNumbers = (await read.ReadAsync<CallerNumberUsageRow>()).Select(r => r.ToRecord()).ToList();
        CampaignRunning = state is not null && CampaignStates.Parse(state) == CampaignState.Running;
        FreeAgents = agentIds.Where(free.Contains).ToList();
    }

    /// <summary>
    /// Takes the locks of <paramref name="callees"/> that no other lease holds, without waiting, and reads their dials
    /// by every campaign since <paramref name="since"/>: a callee missing from the answer is being dialled by another
    /// lease right now, or is in a live call (an attempt not yet settled) of any campaign.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, IReadOnlyList<CalleeDial>>> LockCalleesAsync(IReadOnlyCollection<string> callees, DateTimeOffset since,
        CancellationToken cancellationToken)
    {
        var result = new Dictionary<string, List<CalleeDial>>(StringComparer.Ordinal);
        if (callees.Count > 0)
        {
            await using var read = await _connection.QueryMultipleAsync(new CommandDefinition(CalleeDialsSql,
                new { phones = callees.ToArray(), since = since.ToUniversalTime() }, _transaction, cancellationToken: cancellationToken));
            foreach (var phone in await read.ReadAsync<string>())
                result[phone] = [];
            foreach (var phone in await read.ReadAsync<string>())
                result.Remove(phone);
            foreach (var (phone, at, caller) in await read.ReadAsync<(string phone, DateTime dialled_at, string? caller_number)>())
            {
                if (result.TryGetValue(phone, out var list))
                    list.Add(new CalleeDial(new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc)), caller));
            }
        }
        return result.ToDictionary(p => p.Key, p => (IReadOnlyList<CalleeDial>)p.Value, StringComparer.Ordinal);
    }

    /// <summary>Another page of due contacts, locked, past those already looked at.</summary>
    public async Task<IReadOnlyList<LeaseCandidate>> ReadDueContactsAsync(CandidateQuery query, CancellationToken cancellationToken)
    {
        var rows = await _connection.QueryAsync<CandidateRow>(new CommandDefinition(DueContactsSql,
            new { campaignId = _campaignId, now = _now.ToUniversalTime(), seen = query.Seen.ToArray(), limit = query.Limit }, _transaction,
            cancellationToken: cancellationToken));
        return rows.Select(c => c.ToCandidate()).ToList();
    }

    /// <summary>
    /// Writes <paramref name="plan"/> in one round trip and commits: the refused contacts moved and their refusals counted,
    /// the attempts, the callees' dials, the contacts marked dialing, the caller numbers' use. A plan with nothing in it
    /// writes nothing (disposing lets the locks go).
    /// </summary>
    public Task WriteAsync(LeasePlan plan, string node, CancellationToken cancellationToken) => WriteAsync(plan, node, null, cancellationToken);

    /// <inheritdoc cref="WriteAsync(LeasePlan, string, CancellationToken)"/>
    /// <param name="offeredUntil">Preview: the attempts are written offered, the offer ending then; null writes them dialing.</param>
    public async Task WriteAsync(LeasePlan plan, string node, DateTimeOffset? offeredUntil, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (plan.IsEmpty) return;
        var writes = new List<string>(3);
        if (plan.Moves.Count > 0)
        {
            writes.Add(ContactMoves.Sql);
            writes.Add(DispatchStore.CountRefusalsSql);
        }
        if (plan.Leases.Count > 0)
            writes.Add(WriteLeasesSql);
        var leases = plan.Leases;
        var parameters = new DynamicParameters(new
        {
            campaignId = _campaignId, providerAccount = _providerAccount, node, now = _now.ToUniversalTime(),
            ids = leases.Select(l => l.AttemptId).ToArray(),
            contactIds = leases.Select(l => l.ContactId).ToArray(),
            leaseAgents = leases.Select(l => l.AgentId).ToArray(),
            phones = leases.Select(l => l.Phone).ToArray(),
            dialStrings = leases.Select(l => l.DialString).ToArray(),
            callerIds = leases.Select(l => l.CallerNumberId).ToArray(),
            callerNumbers = leases.Select(l => l.CallerNumber).ToArray(),
            callbackAts = leases.Select(l => l.Callback?.At.ToUniversalTime()).ToArray(),
            callbackAgents = leases.Select(l => l.Callback?.OwnerAgentId).ToArray(),
            callbackUntils = leases.Select(l => l.Callback?.OwnerUntil.ToUniversalTime()).ToArray(),
            offerExpiresAt = offeredUntil?.ToUniversalTime(),
            today = plan.Today,
            numberIds = plan.NumberUses.Select(u => u.NumberId).ToArray(),
            numberUses = plan.NumberUses.Select(u => u.Uses).ToArray(),
            stage = DialGateStage.Lease.ToName(),
            refusedCampaigns = plan.Moves.Select(_ => _campaignId).ToArray(),
            refusedReasons = plan.Moves.Select(m => m.Reason.ToName()).ToArray(),
        });
        ContactMoves.AddParameters(parameters, plan.Moves);
        await _connection.ExecuteAsync(new CommandDefinition(string.Join(";\n", writes), parameters, _transaction, cancellationToken: cancellationToken));
        await _transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Rolls back what was not committed (a lease with nothing to write, or one that failed) and lets every lock go.</summary>
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

    private sealed record CandidateRow(long id, string phone, string? timezone, int attempts, int attempts_today, bool on_dnc, string? province, string? city,
        DateTime? callback_at, string? callback_agent_id, DateTime? callback_owner_until)
    {
        public LeaseCandidate ToCandidate() => new(id, phone, timezone, attempts, attempts_today, on_dnc, province, city,
            callback_at is { } at && callback_agent_id is { } owner
                ? new ScheduledCallback(Utc(at), owner, callback_owner_until is { } until ? Utc(until) : Utc(at))
                : null);

        private static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));
    }
}
