using System.Text.Json;
using AutoDialer.Core.Dispatch;
using AutoDialer.Core.Events;
using AutoDialer.Core.StoredWords;
using Dapper;
using Npgsql;

namespace AutoDialer.PostgreSql.Events;

/// <summary>
/// Raw vendor events and their correlation to attempts, a batch at a time. Every event is stored once (its vendor
/// identity is the key, so a duplicate delivery is a no-op); a call's CallID is bound to the attempt when the first
/// Originated for the dialled number arrives on the agent's session, and events that came earlier wait unbound
/// until then.
/// </summary>
internal sealed class CallEventStore(NpgsqlDataSource dataSource)
{
    /// <summary>How long after an attempt was written a late Originated may still bind to it once it was settled as unknown.</summary>
    public static readonly TimeSpan LateBindingWindow = TimeSpan.FromHours(6);

    /// <summary>
    /// Ties each Originated's CallID to the agent's attempt for the same number that has none yet: a live one first;
    /// else (the event is late) the latest one written before the event that the sweeper settled as unknown, so the
    /// real hang-up still corrects it.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, long>> BindCallsAsync(string providerAccount,
        IReadOnlyList<(string AgentId, string? Number, string CallId, DateTimeOffset At)> originated, CancellationToken cancellationToken)
    {
        var bound = new Dictionary<string, long>(StringComparer.Ordinal);
        if (originated.Count == 0) return bound;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var agents = originated.Select(o => o.AgentId).Distinct().ToArray();
        var live = (await connection.QueryAsync<Unbound>(new CommandDefinition("""
            select id, agent_id, dial_string, created_at from attempts
            where provider_account = @providerAccount and agent_id = any(@agents) and settled_at is null and call_id is null
            order by id
            """, new { providerAccount, agents }, cancellationToken: cancellationToken))).ToList();

        var matches = new List<(long AttemptId, string CallId)>();
        var late = new List<(string AgentId, string? Number, string CallId, DateTimeOffset At)>();
        // A duplicated Originated (same CallID) must not bind a second attempt of the agent that dials the same number.
        foreach (var call in originated.DistinctBy(o => o.CallId, StringComparer.Ordinal))
        {
            var attempt = live.FirstOrDefault(a => a.agent_id == call.AgentId && DialString.SameNumber(call.Number, a.dial_string));
            if (attempt is null)
            {
                late.Add(call);
                continue;
            }
            live.Remove(attempt);
            matches.Add((attempt.id, call.CallId));
        }
        if (late.Count > 0)
        {
            var since = (late.Min(l => l.At) - LateBindingWindow).ToUniversalTime();
            var unknown = (await connection.QueryAsync<Unbound>(new CommandDefinition($"""
                select id, agent_id, dial_string, created_at from attempts
                where provider_account = @providerAccount and agent_id = any(@agents) and outcome = '{CallOutcomes.Unknown}' and call_id is null
                  and created_at > @since
                order by created_at desc
                """, new { providerAccount, agents = late.Select(l => l.AgentId).Distinct().ToArray(), since }, cancellationToken: cancellationToken))).ToList();
            foreach (var call in late)
            {
                // Written before the call began (a little clock skew allowed), and the latest such: the call it placed.
                var attempt = unknown.FirstOrDefault(a => a.agent_id == call.AgentId && DialString.SameNumber(call.Number, a.dial_string)
                                                          && a.CreatedAt <= call.At.AddMinutes(1) && a.CreatedAt > call.At - LateBindingWindow);
                if (attempt is null) continue;
                unknown.Remove(attempt);
                matches.Add((attempt.id, call.CallId));
            }
        }
        if (matches.Count == 0) return bound;
        var rows = await connection.QueryAsync<(long id, string call_id)>(new CommandDefinition($"""
            -- The rows locked in id order first (AttemptLockOrder): dispatch marks the same attempts placed meanwhile.
            with locked as materialized ({AttemptLockOrder.LockSql})
            update attempts a set call_id = m.call_id
            from locked l join unnest(@ids, @callIds) as m(id, call_id) on m.id = l.id
            where a.id = l.id and a.call_id is null
              -- nor may one that arrives again in a later batch, after its call was bound.
              and not exists (select 1 from attempts b where b.provider_account = @providerAccount and b.call_id = m.call_id and b.call_id is not null)
            returning a.id, a.call_id
            """, new { providerAccount, ids = matches.Select(m => m.AttemptId).ToArray(), callIds = matches.Select(m => m.CallId).ToArray() }, cancellationToken: cancellationToken));
        foreach (var (id, callId) in rows)
            bound[callId] = id;
        return bound;
    }

    /// <summary>The agents' attempts not settled yet (a make-call in flight or a call on), newest last.</summary>
    public async Task<IReadOnlyList<AgentAttempt>> LiveAttemptsAsync(string providerAccount, IReadOnlyList<string> agents,
        CancellationToken cancellationToken)
    {
        if (agents.Count == 0) return [];
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<Unbound>(new CommandDefinition("""
            select id, agent_id, dial_string, created_at from attempts
            where provider_account = @providerAccount and agent_id = any(@agents) and settled_at is null
            order by id
            """, new { providerAccount, agents = agents.ToArray() }, cancellationToken: cancellationToken));
        return rows.Select(r => new AgentAttempt(r.id, r.agent_id, r.dial_string)).ToList();
    }

    /// <summary>The attempts of <c>@callIds</c> in <c>@providerAccount</c> (<see cref="FindAttemptsByCallIdAsync"/>).</summary>
    internal const string FindByCallIdSql =
        "select call_id, id, agent_id from attempts where provider_account = @providerAccount and call_id = any(@callIds) and call_id is not null";

    // "call_id is not null" is spelled out in these lookups: it is the predicate of the partial index attempts_by_call_id, and
    // a prepared (generic) plan cannot infer it from "call_id = any(…)", so without it every lookup scanned attempts.
    /// <summary>The attempt each CallID is bound to, with the agent that attempt belongs to.</summary>
    public async Task<IReadOnlyDictionary<string, (long AttemptId, string AgentId)>> FindAttemptsByCallIdAsync(string providerAccount,
        IReadOnlyCollection<string> callIds, CancellationToken cancellationToken)
    {
        if (callIds.Count == 0) return new Dictionary<string, (long, string)>();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string call_id, long id, string agent_id)>(new CommandDefinition(FindByCallIdSql,
            new { providerAccount, callIds = callIds.ToArray() }, cancellationToken: cancellationToken));
        // One attempt per CallID is the rule binding keeps; should history hold two (bound before that rule), the first wins.
        return rows.GroupBy(r => r.call_id, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.MinBy(r => r.id) is var first ? (first.id, first.agent_id) : default, StringComparer.Ordinal);
    }

    /// <summary>The agent of each of <paramref name="attemptIds"/> that belongs to <paramref name="providerAccount"/>; others are left out.</summary>
    public async Task<IReadOnlyDictionary<long, string>> AgentsOfAsync(string providerAccount, IReadOnlyCollection<long> attemptIds,
        CancellationToken cancellationToken)
    {
        if (attemptIds.Count == 0) return new Dictionary<long, string>();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<(long id, string agent_id)>(new CommandDefinition(
            "select id, agent_id from attempts where id = any(@ids) and provider_account = @providerAccount",
            new { providerAccount, ids = attemptIds.ToArray() }, cancellationToken: cancellationToken));
        return rows.ToDictionary(r => r.id, r => r.agent_id);
    }

    /// <summary>
    /// Stores a batch; returns the events that were new (duplicates of stored ones are left out). An event PostgreSQL
    /// refuses (see <see cref="JsonbRefusal"/>) is quarantined instead, as text with the reason, and is not returned:
    /// it must not hold up the events it came with.
    /// </summary>
    public async Task<IReadOnlySet<string>> StoreAsync(string providerAccount,
        IReadOnlyList<(CallCenterEvent Event, string? CallId, long? AttemptId)> events, CancellationToken cancellationToken)
    {
        if (events.Count == 0) return new HashSet<string>();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var refused = new List<(CallCenterEvent Event, string Reason)>();
        var storable = new List<(CallCenterEvent Event, string? CallId, long? AttemptId)>(events.Count);
        foreach (var row in events)
        {
            if (JsonbRefusal.Of(row.Event.Payload) is { } reason) refused.Add((row.Event, reason));
            else storable.Add(row);
        }

        HashSet<string> inserted;
        try
        {
            inserted = await InsertAsync(connection, providerAccount, storable, cancellationToken);
        }
        catch (PostgresException e) when (DataRefusal.Is(e))
        {
            // Something the check above does not know of: row by row, only the rows PostgreSQL refuses stay out. Rare,
            // so the extra round trips are spent only then.
            inserted = new HashSet<string>(StringComparer.Ordinal);
            foreach (var row in storable)
            {
                try
                {
                    inserted.UnionWith(await InsertAsync(connection, providerAccount, [row], cancellationToken));
                }
                catch (PostgresException one) when (DataRefusal.Is(one))
                {
                    refused.Add((row.Event, DataRefusal.Reason(one)));
                }
            }
        }
        await EventQuarantine.AddAsync(connection, providerAccount, refused, cancellationToken);
        return inserted;
    }

    private static async Task<HashSet<string>> InsertAsync(NpgsqlConnection connection, string providerAccount,
        IReadOnlyList<(CallCenterEvent Event, string? CallId, long? AttemptId)> events, CancellationToken cancellationToken)
    {
        if (events.Count == 0) return new HashSet<string>(StringComparer.Ordinal);
        var inserted = await connection.QueryAsync<string>(new CommandDefinition("""
            insert into call_events (provider_account, event_id, vendor, agent_id, name, occurred_at, payload, call_id, attempt_id)
            select @providerAccount, e.event_id, e.vendor, e.agent_id, e.name, e.occurred_at, e.payload::jsonb, e.call_id, e.attempt_id
            from unnest(@eventIds, @vendors, @agents, @names, @times, @payloads, @callIds, @attemptIds)
                 as e(event_id, vendor, agent_id, name, occurred_at, payload, call_id, attempt_id)
            on conflict (provider_account, event_id) do nothing
            returning event_id
            """, new
        {
            providerAccount,
            eventIds = events.Select(e => e.Event.EventId).ToArray(),
            vendors = events.Select(e => e.Event.Vendor.ToName()).ToArray(),
            agents = events.Select(e => e.Event.AgentId).ToArray(),
            names = events.Select(e => e.Event.Name).ToArray(),
            times = events.Select(e => e.Event.Timestamp).ToArray(),
            payloads = events.Select(e => e.Event.Payload.GetRawText()).ToArray(),
            callIds = events.Select(e => e.CallId).ToArray(),
            attemptIds = events.Select(e => e.AttemptId).ToArray(),
        }, cancellationToken: cancellationToken));
        return inserted.ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>Attaches events stored before their call was bound; returns the attempts that gained events.</summary>
    public async Task<IReadOnlyList<long>> AttachUnboundAsync(string providerAccount, IReadOnlyDictionary<string, long> bound,
        CancellationToken cancellationToken)
    {
        if (bound.Count == 0) return [];
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var attempts = await connection.QueryAsync<long>(new CommandDefinition("""
            update call_events e set attempt_id = b.attempt_id
            from unnest(@callIds, @attemptIds) as b(call_id, attempt_id)
            where e.provider_account = @providerAccount and e.attempt_id is null and e.call_id = b.call_id and e.call_id is not null
            returning e.attempt_id
            """, new { providerAccount, callIds = bound.Keys.ToArray(), attemptIds = bound.Values.ToArray() }, cancellationToken: cancellationToken));
        return attempts.Distinct().ToList();
    }

    /// <summary>
    /// The stored events of <c>@attemptIds</c> and of those of <c>@ifSettled</c> that are settled (<see cref="EventsOfAsync"/>):
    /// each attempt's events one look-up of the index by attempt. As a plain join, PostgreSQL chose by its estimate of
    /// events an attempt, and before <c>call_events</c> was first analyzed it assumed hundreds and read the table whole
    /// (6–11 ms of every event batch in a new database's first minute). <c>offset 0</c> keeps the look-up a subquery of its
    /// own, run once an attempt, which PostgreSQL would otherwise merge back into a join.
    /// </summary>
    internal const string EventsOfSql = $"""
        with wanted as (
            select unnest(@attemptIds) as id
            union
            select id from attempts where id = any(@ifSettled) and status = '{AttemptStatuses.Settled}')
        select e.attempt_id, e.vendor, e.provider_account, e.agent_id, e.name, e.occurred_at, e.event_id, e.payload
        from wanted w
        cross join lateral (
            select c.attempt_id, c.vendor, c.provider_account, c.agent_id, c.name, c.occurred_at, c.event_id, c.payload::text as payload
            from call_events c where c.attempt_id = w.id offset 0) e
        order by e.occurred_at
        """;

    /// <summary>
    /// Every stored event, oldest first and as the vendor sent it, of each of <paramref name="attemptIds"/> and of
    /// those of <paramref name="ifSettled"/> that are settled already.
    /// </summary>
    public async Task<IReadOnlyDictionary<long, List<CallCenterEvent>>> EventsOfAsync(IReadOnlyCollection<long> attemptIds,
        IReadOnlyCollection<long> ifSettled, CancellationToken cancellationToken)
    {
        var result = new Dictionary<long, List<CallCenterEvent>>();
        if (attemptIds.Count == 0 && ifSettled.Count == 0) return result;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<(long attempt_id, string vendor, string provider_account, string agent_id, string name, DateTime occurred_at, string event_id, string payload)>(
            new CommandDefinition(EventsOfSql, new { attemptIds = attemptIds.ToArray(), ifSettled = ifSettled.ToArray() }, cancellationToken: cancellationToken));
        foreach (var row in rows)
        {
            using var document = JsonDocument.Parse(row.payload);
            var stored = new CallCenterEvent(EventVendors.Parse(row.vendor), row.provider_account, row.agent_id, row.name,
                new DateTimeOffset(DateTime.SpecifyKind(row.occurred_at, DateTimeKind.Utc)), row.event_id, document.RootElement.Clone());
            if (!result.TryGetValue(row.attempt_id, out var list))
                result[row.attempt_id] = list = [];
            list.Add(stored);
        }
        return result;
    }

    private sealed record Unbound(long id, string agent_id, string dial_string, DateTime created_at)
    {
        public DateTimeOffset CreatedAt => new(DateTime.SpecifyKind(created_at, DateTimeKind.Utc));
    }
}
