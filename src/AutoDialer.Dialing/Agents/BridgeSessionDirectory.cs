using AutoDialer.Telephony.Bridge;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace AutoDialer.Dialing.Agents;

/// <summary>
/// <c>bridge_sessions</c>: the node each agent's workbench is connected to, one row per agent, with what the page's
/// events say of the agent (<c>unavailable_reason</c>) and until when the row is live (<c>expires_at</c>, renewed at every
/// heartbeat): the cluster's directory of connected agents, which every node reads. The newest
/// session of an agent (the one that connected last) owns the row, wherever it connected; an older session that
/// finds the row taken ends itself. A connection is also recorded in <c>seen_agents</c>, for the settings page to offer.
/// The database being unreachable does not stop the bridge: sessions go on locally, and it is logged.
/// </summary>
internal sealed class BridgeSessionDirectory(NpgsqlDataSource dataSource, BridgeOptions options, ILogger<BridgeSessionDirectory> logger)
{
    public string Node { get; } = options.ResolveNodeId();

    /// <summary>
    /// Claims the agent's row for <paramref name="session"/> unless a newer session of the agent owns it (a session
    /// is newer when it connected later) and is live. Used at the welcome and at every heartbeat: a claim that could not
    /// be written (the database was away) is made at the next heartbeat instead of being mistaken for a takeover.
    /// When a row is seen and until when it is live are PostgreSQL's clock (<c>clock_timestamp()</c>), not the node's, and
    /// a row whose node stopped renewing it is anyone's: a node whose clock ran ahead and then crashed cannot lock its
    /// agents' next sessions out (4001) for as long as its clock was ahead.
    /// </summary>
    private const string ClaimSql = """
        insert into bridge_sessions as s (provider_account, agent_id, node, session_id, connected_at, last_seen_at, unavailable_reason, expires_at)
        values ($1, $2, $3, $4, $5, clock_timestamp(), $6, clock_timestamp() + $7)
        on conflict (provider_account, agent_id) do update set
            node = excluded.node, session_id = excluded.session_id,
            connected_at = excluded.connected_at, last_seen_at = excluded.last_seen_at,
            unavailable_reason = excluded.unavailable_reason, expires_at = excluded.expires_at
        where s.session_id = excluded.session_id or s.connected_at < excluded.connected_at or s.expires_at < clock_timestamp()
        """;

    /// <summary>The claim, and the agent recorded as seen on the bridge, in one round trip.</summary>
    private const string RegisterSql = """
        with seen as (
            insert into seen_agents (provider_account, agent_id, bridge_seen_at) values ($1, $2, clock_timestamp())
            on conflict (provider_account, agent_id) do update set bridge_seen_at = excluded.bridge_seen_at
        )
        """ + ClaimSql;

    /// <summary>
    /// The heartbeat of every session of this node in one statement: <see cref="ClaimSql"/>'s claim for each row, the
    /// rows claimed returned.
    /// </summary>
    private const string ClaimAllSql = """
        insert into bridge_sessions as s (provider_account, agent_id, node, session_id, connected_at, last_seen_at, unavailable_reason, expires_at)
        select u.account, u.agent, $3, u.session_id, u.connected_at, clock_timestamp(), u.reason, clock_timestamp() + $7
        from unnest($1::text[], $2::text[], $4::uuid[], $5::timestamptz[], $6::text[]) as u(account, agent, session_id, connected_at, reason)
        on conflict (provider_account, agent_id) do update set
            node = excluded.node, session_id = excluded.session_id,
            connected_at = excluded.connected_at, last_seen_at = excluded.last_seen_at,
            unavailable_reason = excluded.unavailable_reason, expires_at = excluded.expires_at
        where s.session_id = excluded.session_id or s.connected_at < excluded.connected_at or s.expires_at < clock_timestamp()
        returning s.session_id
        """;

    public async Task RegisterAsync(BridgeSession session, CancellationToken cancellationToken) =>
        await ExecuteAsync(RegisterSql, cancellationToken, Claim(session)).ConfigureAwait(false);

    /// <summary>
    /// Records that <paramref name="sessions"/> (every live session of this node) are alive, and what their events say of
    /// their agents now, in one statement whatever their number. Returns those a newer session of their agent owns the
    /// row of now (also the older of two sessions of one agent here); none when the database could not be reached (a
    /// claim that did not land is made at the next heartbeat, not mistaken for a takeover).
    /// </summary>
    public async Task<IReadOnlyList<BridgeSession>> ClaimAllAsync(IReadOnlyList<BridgeSession> sessions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sessions);
        if (sessions.Count == 0) return [];
        // One row per agent: the newest session's (a statement may not change a row twice).
        var newest = sessions.GroupBy(s => (s.AccountId, s.AgentId)).Select(g => g.MaxBy(s => s.ConnectedAt)!).ToList();
        try
        {
            await using var command = dataSource.CreateCommand(ClaimAllSql);
            foreach (var value in new object[]
                     {
                         newest.Select(s => s.AccountId).ToArray(), newest.Select(s => s.AgentId).ToArray(), Node, newest.Select(s => s.Id).ToArray(),
                         newest.Select(s => s.ConnectedAt.ToUniversalTime()).ToArray(),
                         newest.Select(s => s.Availability.CanTakeCall ? "" : s.Availability.Reason).ToArray(),
                         options.HeartbeatInterval + options.HeartbeatTimeout,
                     })
            {
                command.Parameters.Add(new NpgsqlParameter { Value = value });
            }

            var claimed = new HashSet<Guid>();
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    claimed.Add(reader.GetGuid(0));
            }

            return sessions.Where(s => !claimed.Contains(s.Id)).ToList();
        }
        catch (Exception exception) when (exception is NpgsqlException or TimeoutException)
        {
            logger.LogWarning(exception, "bridge_sessions could not be updated; the sessions go on locally");
            return sessions.Except(newest).ToList();
        }
    }

    // Live until a heartbeat and its timeout have passed without a renewal: by then this node would have dropped the
    // session itself, and a node that crashed renews nothing.
    private object[] Claim(BridgeSession session) =>
    [
        session.AccountId, session.AgentId, Node, session.Id, session.ConnectedAt,
        session.Availability.CanTakeCall ? "" : session.Availability.Reason, options.HeartbeatInterval + options.HeartbeatTimeout,
    ];

    public async Task UnregisterAsync(BridgeSession session, CancellationToken cancellationToken)
    {
        const string sql = "delete from bridge_sessions where provider_account = $1 and agent_id = $2 and session_id = $3";
        await ExecuteAsync(sql, cancellationToken, session.AccountId, session.AgentId, session.Id).ConfigureAwait(false);
    }

    /// <summary>Rows affected, or -1 when the database could not be reached (treated as "still ours").</summary>
    private async Task<int> ExecuteAsync(string sql, CancellationToken cancellationToken, params object[] values)
    {
        try
        {
            await using var command = dataSource.CreateCommand(sql);
            foreach (var value in values)
            {
                command.Parameters.Add(new NpgsqlParameter { Value = value });
            }

            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is NpgsqlException or TimeoutException)
        {
            logger.LogWarning(exception, "bridge_sessions could not be updated; the session goes on locally");
            return -1;
        }
    }
}
