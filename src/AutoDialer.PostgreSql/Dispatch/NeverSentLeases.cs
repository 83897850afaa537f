using AutoDialer.Core.StoredWords;
using Dapper;
using Npgsql;

namespace AutoDialer.PostgreSql.Dispatch;

/// <summary>
/// Tells a lease whose make-call was certainly never sent from one whose make-call may have been. A node marks its
/// leases (<c>attempts.make_call_deadline</c>, migration 028) and commits the mark before it sends their make-calls
/// (<see cref="MarkSendingAsync"/>); a lease left unmarked by a node that died or restarted was never dialled, and is
/// given back at once with its budget (<see cref="GiveBackAsync"/>). Both act under the attempt's row lock and only on
/// an attempt still <c>dialing</c> and live, the mark only while unmarked and the give-back only while unmarked: whichever
/// comes first wins, so an attempt given back is never sent and one marked is never given back.
/// </summary>
internal sealed class NeverSentLeases(NpgsqlDataSource dataSource)
{
    /// <summary>Marks the leases about to be sent with their deadline and page session, locking them in id order; returns
    /// those marked.</summary>
    private static readonly string MarkSql = $"""
        update attempts a set make_call_deadline = @deadline, make_call_session = marked.session
        from (select t.id, l.session from attempts t join unnest(@ids, @sessions) as l(id, session) on l.id = t.id
              where t.status = '{AttemptStatuses.Dialing}' and t.settled_at is null and t.make_call_deadline is null
              order by t.id for update of t) marked
        where a.id = marked.id
        returning a.id
        """;

    /// <summary>
    /// Unmarked leases whose node can no longer send them: its rows in the cluster's directory expired, or it is this node
    /// and they were leased before this process started (a node restarted under its name). Reads only.
    /// </summary>
    private static readonly string OrphanedSql = $"""
        select a.id from attempts a
        where a.settled_at is null and a.status = '{AttemptStatuses.Dialing}' and a.make_call_deadline is null
          and a.created_at < @leasedBefore
          and case when a.node = @node then a.created_at < @startedAt
                   else not exists (select 1 from dialer_accounts d where d.node = a.node and d.expires_at > now()) end
        order by a.created_at limit @limit
        """;

    /// <summary>
    /// Removes leases still unmarked and their dials, locked in id order, and gives their contacts back (pending, due now,
    /// the attempt refunded). Returns the attempts given back.
    /// </summary>
    private static readonly string GiveBackSql = $"""
        with locked as (
            select id from attempts where id = any(@ids) and status = '{AttemptStatuses.Dialing}' and settled_at is null
              and make_call_deadline is null order by id for update
        ), released as (
            delete from attempts a using locked where a.id = locked.id returning a.id, a.contact_id
        ), dials as (
            delete from callee_dials d using released where d.attempt_id = released.id
        ), moved as (
            update contacts c set state = '{ContactStates.Pending}', next_due_at = @now, attempts = c.attempts - 1,
                                  attempts_today = greatest(c.attempts_today - 1, 0), wait_reason = null
            from released where c.id = released.contact_id
        )
        select id from released
        """;

    /// <summary>
    /// The durable mark, committed before the make-calls are sent: from here they may have been. Only the leases marked
    /// may be sent; one not marked was settled or given back meanwhile.
    /// </summary>
    /// <param name="leases">Each attempt with the workbench page's session its make-call goes out on (null when not a page's).</param>
    public async Task<IReadOnlySet<long>> MarkSendingAsync(IReadOnlyList<(long AttemptId, string? PageSession)> leases, DateTimeOffset deadline,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(leases);
        if (leases.Count == 0) return new HashSet<long>();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return (await connection.QueryAsync<long>(new CommandDefinition(MarkSql,
            new { ids = leases.Select(l => l.AttemptId).ToArray(), sessions = leases.Select(l => l.PageSession).ToArray(), deadline = deadline.ToUniversalTime() },
            cancellationToken: cancellationToken))).ToHashSet();
    }

    /// <summary>Unmarked leases no node will send (<see cref="OrphanedSql"/>), oldest first.</summary>
    /// <param name="node">This node's name.</param>
    /// <param name="startedAt">When this process started: its own node's unmarked leases from before then are orphans.</param>
    /// <param name="leasedBefore">Only leases older than this (a lease this node is dispatching now is not looked at).</param>
    public async Task<IReadOnlyList<long>> OrphanedAsync(string node, DateTimeOffset startedAt, DateTimeOffset leasedBefore, int limit,
        CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return (await connection.QueryAsync<long>(new CommandDefinition(OrphanedSql,
            new { node, startedAt = startedAt.ToUniversalTime(), leasedBefore = leasedBefore.ToUniversalTime(), limit },
            cancellationToken: cancellationToken))).ToList();
    }

    /// <summary>Gives back the leases still unmarked (<see cref="GiveBackSql"/>); returns those given back.</summary>
    public async Task<IReadOnlyList<long>> GiveBackAsync(IReadOnlyList<long> attemptIds, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(attemptIds);
        if (attemptIds.Count == 0) return [];
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return (await connection.QueryAsync<long>(new CommandDefinition(GiveBackSql,
            new { ids = attemptIds.ToArray(), now = now.ToUniversalTime() }, cancellationToken: cancellationToken))).ToList();
    }
}
