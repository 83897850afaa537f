using Dapper;
using Npgsql;

namespace AutoDialer.PostgreSql.Nodes;

/// <summary>
/// <c>node_readiness</c>: each node writes its own row (<see cref="ReportAsync"/>) and deletes it when it stops
/// (<see cref="WithdrawAsync"/>); any node reads them all (<see cref="ListAsync"/>).
/// </summary>
internal sealed class NodeReadinessBoard(NpgsqlDataSource dataSource)
{
    /// <summary>How long after its report expired a node is still listed, as not reporting; then it is forgotten.</summary>
    public static readonly TimeSpan ForgottenAfter = TimeSpan.FromHours(1);

    /// <summary>Upserts the node's own row; locks only that row.</summary>
    private const string ReportSql = """
        insert into node_readiness (node, ready, failing, checked_at, expires_at) values (@node, @ready, @failing, @checkedAt, @expiresAt)
        on conflict (node) do update set ready = excluded.ready, failing = excluded.failing, checked_at = excluded.checked_at,
            expires_at = excluded.expires_at
        """;

    /// <summary>Every node that reports, or stopped reporting less than <see cref="ForgottenAfter"/> ago; by name.</summary>
    private const string ListSql = """
        select node, ready, failing, checked_at, expires_at > @now as reporting
        from node_readiness where expires_at > @forgotten order by node
        """;

    public async Task ReportAsync(string node, bool ready, IReadOnlyList<string> failing, DateTimeOffset checkedAt, DateTimeOffset expiresAt,
        CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(ReportSql, new
        {
            node, ready, failing = failing.ToArray(), checkedAt = checkedAt.ToUniversalTime(), expiresAt = expiresAt.ToUniversalTime(),
        }, cancellationToken: cancellationToken));
    }

    public async Task WithdrawAsync(string node, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("delete from node_readiness where node = @node", new { node }, cancellationToken: cancellationToken));
    }

    public async Task<IReadOnlyList<NodeReadiness>> ListAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string node, bool ready, string[] failing, DateTime checked_at, bool reporting)>(
            new CommandDefinition(ListSql, new { now = now.ToUniversalTime(), forgotten = (now - ForgottenAfter).ToUniversalTime() }, cancellationToken: cancellationToken));
        return rows.Select(r => new NodeReadiness(r.node, r.ready, r.failing, new DateTimeOffset(DateTime.SpecifyKind(r.checked_at, DateTimeKind.Utc)), r.reporting))
            .ToList();
    }
}
