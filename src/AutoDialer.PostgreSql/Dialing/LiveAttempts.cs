using Dapper;
using Npgsql;

namespace AutoDialer.PostgreSql.Dialing;

/// <summary>Attempts still waiting for an outcome: for the stale sweeper and for boards.</summary>
public sealed class LiveAttempts(NpgsqlDataSource dataSource)
{
    public async Task<IReadOnlyList<LiveAttempt>> OlderThanAsync(DateTimeOffset cutoff, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<(long id, string provider_account, string agent_id, string status, string? call_id, DateTime created_at)>(
            new CommandDefinition("""
                select id, provider_account, agent_id, status, call_id, created_at from attempts
                where settled_at is null and created_at < @cutoff order by created_at limit @limit
                """, new { cutoff, limit }, cancellationToken: cancellationToken));
        return rows.Select(r => new LiveAttempt(r.id, r.provider_account, r.agent_id, r.status, r.call_id,
            new DateTimeOffset(DateTime.SpecifyKind(r.created_at, DateTimeKind.Utc)))).ToList();
    }

    public async Task<int> CountAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            "select count(*) from attempts where settled_at is null", cancellationToken: cancellationToken));
    }
}
