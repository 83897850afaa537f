using System.Text.Json;
using AutoDialer.Core.Dialing;
using AutoDialer.Core.Telephony;
using Dapper;
using Npgsql;

namespace AutoDialer.PostgreSql.Dialing;

/// <summary>
/// Raw vendor events and their correlation to attempts, a batch at a time. Every event is stored once (its vendor
/// identity is the key, so a duplicate delivery is a no-op); a call's CallID is bound to the attempt when the first
/// Originated for the dialled number arrives on the agent's session, and events that came earlier wait unbound
/// until then.
/// </summary>
public sealed class CallEventStore(NpgsqlDataSource dataSource)
{
    /// <summary>Ties each Originated's CallID to the agent's live, still unbound attempt for the same number.</summary>
    public async Task<IReadOnlyDictionary<string, long>> BindCallsAsync(string providerAccount,
        IReadOnlyList<(string AgentId, string? Number, string CallId)> originated, CancellationToken cancellationToken)
    {
        var bound = new Dictionary<string, long>(StringComparer.Ordinal);
        if (originated.Count == 0) return bound;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var live = (await connection.QueryAsync<(long id, string agent_id, string dial_string)>(new CommandDefinition("""
            select id, agent_id, dial_string from attempts
            where provider_account = @providerAccount and agent_id = any(@agents) and settled_at is null and call_id is null
            order by id
            """, new { providerAccount, agents = originated.Select(o => o.AgentId).Distinct().ToArray() }, cancellationToken: cancellationToken))).ToList();

        var matches = new List<(long AttemptId, string CallId)>();
        // A duplicated Originated (same CallID) must not bind a second attempt of the agent that dials the same number.
        foreach (var (agentId, number, callId) in originated.DistinctBy(o => o.CallId, StringComparer.Ordinal))
        {
            var attempt = live.FirstOrDefault(a => a.agent_id == agentId && DialString.SameNumber(number, a.dial_string));
            if (attempt.id == 0) continue;
            live.Remove(attempt);
            matches.Add((attempt.id, callId));
        }
        if (matches.Count == 0) return bound;
        var rows = await connection.QueryAsync<(long id, string call_id)>(new CommandDefinition("""
            update attempts a set call_id = m.call_id
            from unnest(@ids, @callIds) as m(id, call_id)
            where a.id = m.id and a.call_id is null
              -- nor may one that arrives again in a later batch, after its call was bound.
              and not exists (select 1 from attempts b where b.provider_account = @providerAccount and b.call_id = m.call_id and b.call_id is not null)
            returning a.id, a.call_id
            """, new { providerAccount, ids = matches.Select(m => m.AttemptId).ToArray(), callIds = matches.Select(m => m.CallId).ToArray() }, cancellationToken: cancellationToken));
        foreach (var (id, callId) in rows)
            bound[callId] = id;
        return bound;
    }

    // "call_id is not null" is spelled out in these lookups: it is the predicate of the partial index attempts_call, and
    // a prepared (generic) plan cannot infer it from "call_id = any(…)", so without it every lookup scanned attempts.
    public async Task<IReadOnlyDictionary<string, long>> FindAttemptsByCallIdAsync(string providerAccount, IReadOnlyCollection<string> callIds,
        CancellationToken cancellationToken)
    {
        if (callIds.Count == 0) return new Dictionary<string, long>();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string call_id, long id)>(new CommandDefinition("""
            select call_id, id from attempts where provider_account = @providerAccount and call_id = any(@callIds) and call_id is not null
            """, new { providerAccount, callIds = callIds.ToArray() }, cancellationToken: cancellationToken));
        // One attempt per CallID is the rule binding keeps; should history hold two (bound before that rule), the first wins.
        return rows.GroupBy(r => r.call_id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Min(r => r.id), StringComparer.Ordinal);
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
            insert into call_events (provider_account, event_id, agent_id, name, occurred_at, payload, call_id, attempt_id)
            select @providerAccount, e.event_id, e.agent_id, e.name, e.occurred_at, e.payload::jsonb, e.call_id, e.attempt_id
            from unnest(@eventIds, @agents, @names, @times, @payloads, @callIds, @attemptIds)
                 as e(event_id, agent_id, name, occurred_at, payload, call_id, attempt_id)
            on conflict (provider_account, event_id) do nothing
            returning event_id
            """, new
        {
            providerAccount,
            eventIds = events.Select(e => e.Event.EventId).ToArray(),
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
    /// Every stored event, oldest first and as the vendor sent it, of each of <paramref name="attemptIds"/> and of
    /// those of <paramref name="ifSettled"/> that are settled already.
    /// </summary>
    public async Task<IReadOnlyDictionary<long, List<CallCenterEvent>>> EventsOfAsync(IReadOnlyCollection<long> attemptIds,
        IReadOnlyCollection<long> ifSettled, CancellationToken cancellationToken)
    {
        var result = new Dictionary<long, List<CallCenterEvent>>();
        if (attemptIds.Count == 0 && ifSettled.Count == 0) return result;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<(long attempt_id, string provider_account, string agent_id, string name, DateTime occurred_at, string event_id, string payload)>(
            new CommandDefinition("""
                with wanted as (
                    select unnest(@attemptIds) as id
                    union
                    select id from attempts where id = any(@ifSettled) and status = 'settled')
                select e.attempt_id, e.provider_account, e.agent_id, e.name, e.occurred_at, e.event_id, e.payload::text
                from call_events e join wanted w on e.attempt_id = w.id
                order by e.occurred_at
                """, new { attemptIds = attemptIds.ToArray(), ifSettled = ifSettled.ToArray() }, cancellationToken: cancellationToken));
        foreach (var row in rows)
        {
            using var document = JsonDocument.Parse(row.payload);
            var stored = new CallCenterEvent(row.provider_account, row.agent_id, row.name,
                new DateTimeOffset(DateTime.SpecifyKind(row.occurred_at, DateTimeKind.Utc)), row.event_id, document.RootElement.Clone());
            if (!result.TryGetValue(row.attempt_id, out var list))
                result[row.attempt_id] = list = [];
            list.Add(stored);
        }
        return result;
    }
}
