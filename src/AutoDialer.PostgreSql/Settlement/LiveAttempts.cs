using AutoDialer.Core.StoredWords;
using Dapper;
using Npgsql;

namespace AutoDialer.PostgreSql.Settlement;

/// <summary>Attempts still waiting for an outcome: for the stale sweeper and for boards.</summary>
internal sealed class LiveAttempts(NpgsqlDataSource dataSource)
{
    /// <summary>
    /// Live attempts written before <paramref name="cutoff"/> that this node may settle (an offered one is no call: its offer
    /// ends by itself, <c>PreviewOffers</c>): those whose agent has no
    /// bridge session on another node (a node asks only the sessions it holds), and any older than
    /// <paramref name="maxAgeCutoff"/> wherever their agent is. Oldest first.
    /// </summary>
    /// <param name="node">This node's name in <c>bridge_sessions</c>; null when it hosts no bridge.</param>
    public async Task<IReadOnlyList<LiveAttempt>> StaleAsync(DateTimeOffset cutoff, DateTimeOffset maxAgeCutoff, string? node, int limit,
        CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<(long id, string provider_account, string agent_id, string status, string? call_id, DateTime created_at, string node,
            bool node_alive, DateTime? make_call_deadline, string? make_call_session)>(
            new CommandDefinition($"""
                select a.id, a.provider_account, a.agent_id, a.status, a.call_id, a.created_at, a.node,
                       exists (select 1 from dialer_accounts d where d.node = a.node and d.expires_at > now()) as node_alive,
                       a.make_call_deadline, a.make_call_session
                from attempts a
                left join bridge_sessions s on s.provider_account = a.provider_account and s.agent_id = a.agent_id
                where a.settled_at is null and a.created_at < @cutoff and a.status <> '{AttemptStatuses.Offered}'
                  and (s.node is null or s.node = @node or a.created_at < @maxAgeCutoff)
                order by a.created_at limit @limit
                """, new { cutoff, maxAgeCutoff, node = node ?? "", limit }, cancellationToken: cancellationToken));
        return rows.Select(r => new LiveAttempt(r.id, r.provider_account, r.agent_id, AttemptStatuses.Parse(r.status), r.call_id,
            new DateTimeOffset(DateTime.SpecifyKind(r.created_at, DateTimeKind.Utc)), r.node, r.node_alive,
            r.make_call_deadline is { } deadline ? new DateTimeOffset(DateTime.SpecifyKind(deadline, DateTimeKind.Utc)) : null, r.make_call_session)).ToList();
    }

    public async Task<int> CountAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            "select count(*) from attempts where settled_at is null", cancellationToken: cancellationToken));
    }
}
