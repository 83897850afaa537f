using AutoDialer.Core.StoredWords;
using Dapper;
using Npgsql;

namespace AutoDialer.PostgreSql.Agents;

/// <summary>What the agents board needs from the database: calls and talk time today, and who is assigned where.</summary>
internal sealed class AgentActivity(NpgsqlDataSource dataSource)
{
    /// <summary>Per agent, the attempts created at or after <paramref name="since"/>.</summary>
    public async Task<IReadOnlyList<AgentDay>> SinceAsync(DateTimeOffset since, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        // Per campaign through the (campaign_id, created_at) index rather than a scan of every attempt ever made.
        var rows = await connection.QueryAsync<AgentDay>(new CommandDefinition($"""
            select a.provider_account as ProviderAccount, a.agent_id as AgentId, count(*) as Calls,
                   count(*) filter (where a.outcome = '{CallOutcomes.Answered}') as Answered,
                   coalesce(sum(a.talk_seconds), 0)::bigint as TalkSeconds,
                   min(a.created_at) as FirstCallAt, max(a.created_at) as LastCallAt
            from campaigns c
            join lateral (select provider_account, agent_id, outcome, talk_seconds, created_at
                          from attempts where campaign_id = c.id and created_at >= @since) a on true
            group by a.provider_account, a.agent_id
            order by a.provider_account, a.agent_id
            """, new { since = since.UtcDateTime }, cancellationToken: cancellationToken));
        return rows.ToList();
    }

    /// <summary>Per agent and disposition code, the attempts created at or after <paramref name="since"/> that the agent disposed of.</summary>
    public async Task<IReadOnlyList<(string ProviderAccount, string AgentId, string Code, long Attempts)>> DispositionsSinceAsync(DateTimeOffset since,
        CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string, string, string, long)>(new CommandDefinition("""
            select a.provider_account, a.agent_id, a.disposition_code, count(*)
            from campaigns c
            join lateral (select provider_account, agent_id, disposition_code
                          from attempts where campaign_id = c.id and created_at >= @since and disposition_code is not null) a on true
            group by 1, 2, 3
            order by 1, 2, 3
            """, new { since = since.UtcDateTime }, cancellationToken: cancellationToken));
        return rows.ToList();
    }

    public async Task<IReadOnlyList<AgentAssignment>> AssignmentsAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<AgentAssignment>(new CommandDefinition("""
            select coalesce(c.settings->>'provider_account', 'simulator') as ProviderAccount, agent.id as AgentId,
                   c.id as CampaignId, c.name as CampaignName, c.state as CampaignState
            from campaigns c, jsonb_array_elements_text(coalesce(c.settings->'agent_ids', '[]'::jsonb)) as agent(id)
            order by 1, 2, c.id
            """, cancellationToken: cancellationToken));
        return rows.ToList();
    }
}
