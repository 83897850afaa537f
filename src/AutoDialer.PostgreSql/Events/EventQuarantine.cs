using AutoDialer.Core.Events;
using Dapper;
using Npgsql;

namespace AutoDialer.PostgreSql.Events;

/// <summary>
/// Vendor events PostgreSQL would not take as jsonb (see <see cref="JsonbRefusal"/>, <see cref="DataRefusal"/>), kept as
/// text with the reason so they never hold up the events behind them. An event quarantined again (a page resending
/// it) is kept once. Its text is written with every NUL as the escape <c>\u0000</c> (<see cref="QuarantineText"/>): the
/// quarantine must take what nothing else will, or the pump that quarantines would retry it forever.
/// </summary>
internal sealed class EventQuarantine(NpgsqlDataSource dataSource)
{
    /// <summary>How many of the most recent quarantined events a listing shows unless asked otherwise.</summary>
    public const int DefaultRecent = 20;

    /// <summary>Inserts the events; takes no lock beyond the unique key's on each new row.</summary>
    private const string AddSql = """
        insert into quarantined_events (provider_account, event_id, agent_id, name, occurred_at, payload, reason)
        select @providerAccount, e.event_id, e.agent_id, e.name, e.occurred_at, e.payload, e.reason
        from unnest(@eventIds, @agents, @names, @times, @payloads, @reasons) as e(event_id, agent_id, name, occurred_at, payload, reason)
        on conflict (provider_account, event_id) do nothing
        """;

    public async Task AddAsync(string providerAccount, IReadOnlyList<(CallCenterEvent Event, string Reason)> events, CancellationToken cancellationToken)
    {
        if (events.Count == 0) return;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await AddAsync(connection, providerAccount, events, cancellationToken);
    }

    /// <summary>On a connection the caller holds (the event store quarantines within its own round trips).</summary>
    internal static async Task AddAsync(NpgsqlConnection connection, string providerAccount,
        IReadOnlyList<(CallCenterEvent Event, string Reason)> events, CancellationToken cancellationToken)
    {
        if (events.Count == 0) return;
        await connection.ExecuteAsync(new CommandDefinition(AddSql, new
        {
            providerAccount,
            eventIds = events.Select(e => QuarantineText.Storable(e.Event.EventId)).ToArray(),
            agents = events.Select(e => QuarantineText.Storable(e.Event.AgentId)).ToArray(),
            names = events.Select(e => QuarantineText.Storable(e.Event.Name)).ToArray(),
            times = events.Select(e => e.Event.Timestamp).ToArray(),
            payloads = events.Select(e => QuarantineText.Storable(e.Event.Payload.GetRawText())).ToArray(),
            reasons = events.Select(e => QuarantineText.Storable(e.Reason)).ToArray(),
        }, cancellationToken: cancellationToken));
    }

    public async Task<long> CountAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition("select count(*) from quarantined_events", cancellationToken: cancellationToken));
    }

    /// <summary>The <paramref name="limit"/> most recently quarantined events, newest first.</summary>
    public async Task<IReadOnlyList<QuarantinedEvent>> RecentAsync(int limit, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string provider_account, string event_id, string agent_id, string name, DateTime occurred_at,
            string payload, string reason, DateTime quarantined_at)>(new CommandDefinition("""
            select provider_account, event_id, agent_id, name, occurred_at, payload, reason, quarantined_at
            from quarantined_events order by id desc limit @limit
            """, new { limit }, cancellationToken: cancellationToken));
        return rows.Select(r => new QuarantinedEvent(r.provider_account, r.event_id, r.agent_id, r.name, Utc(r.occurred_at), r.payload,
            r.reason, Utc(r.quarantined_at))).ToList();
    }

    private static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));
}
