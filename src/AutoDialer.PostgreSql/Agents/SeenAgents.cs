using System.Collections.Concurrent;
using Dapper;
using Npgsql;

namespace AutoDialer.PostgreSql.Agents;

/// <summary>
/// <c>seen_agents</c> and the live rows of <c>bridge_sessions</c>: the agents the dialer has seen, for the settings page to
/// offer, and where each one's page is now. The vendor's agent list is recorded by every sweep, so an agent is written at
/// most once per <see cref="RecordEvery"/> per process; a page's connection is recorded with its session (BridgeSessionDirectory).
/// </summary>
internal sealed class SeenAgents(NpgsqlDataSource dataSource)
{
    /// <summary>How long a sighting already written is not written again by this process.</summary>
    public static readonly TimeSpan RecordEvery = TimeSpan.FromHours(1);

    /// <summary>The most agents one listing returns.</summary>
    public const int MaxListed = 10_000;

    /// <summary>Adds the agents (or moves their vendor_seen_at on); takes no row lock beyond the rows it writes.</summary>
    private const string RecordVendorSql = """
        insert into seen_agents (provider_account, agent_id, vendor_seen_at)
        select @account, agent_id, @now from unnest(@agentIds::text[]) as t(agent_id)
        on conflict (provider_account, agent_id) do update set vendor_seen_at = excluded.vendor_seen_at
        """;

    /// <summary>Every agent seen, with its page if one is live, plus pages connected before seen_agents existed.</summary>
    private const string ListSql = """
        with seen as (
            select provider_account, agent_id, bridge_seen_at, vendor_seen_at from seen_agents
            where @account::text is null or provider_account = @account
            union all
            select b.provider_account, b.agent_id, b.connected_at, null from bridge_sessions b
            where (@account::text is null or b.provider_account = @account)
            and not exists (select 1 from seen_agents s where s.provider_account = b.provider_account and s.agent_id = b.agent_id)
        )
        select s.provider_account, s.agent_id, s.bridge_seen_at, s.vendor_seen_at,
               coalesce(b.expires_at > @now, false) as connected, case when b.expires_at > @now then b.unavailable_reason end as unavailable_reason
        from seen s left join bridge_sessions b on b.provider_account = s.provider_account and b.agent_id = s.agent_id
        order by s.provider_account, s.agent_id
        limit @limit
        """;

    /// <summary>The agents of one account, with a live page each, on any node (<paramref name="agentIds"/> only).</summary>
    private const string PresenceSql = """
        select agent_id, node, unavailable_reason from bridge_sessions
        where provider_account = @account and agent_id = any(@agentIds) and expires_at > @now
        """;

    private readonly ConcurrentDictionary<(string Account, string Agent), DateTimeOffset> _written = new();

    /// <summary>Records that the vendor of <paramref name="account"/> listed these agents at <paramref name="now"/>.</summary>
    public async Task RecordVendorListAsync(string account, IEnumerable<string> agentIds, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var fresh = agentIds.Distinct(StringComparer.Ordinal)
            .Where(agent => !_written.TryGetValue((account, agent), out var at) || now - at >= RecordEvery).ToArray();
        if (fresh.Length == 0) return;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(RecordVendorSql, new { account, agentIds = fresh, now = now.ToUniversalTime() },
            cancellationToken: cancellationToken));
        foreach (var agent in fresh) _written[(account, agent)] = now;
    }

    /// <summary>The agents seen (of <paramref name="account"/>, or of every account), at most <see cref="MaxListed"/>.</summary>
    public async Task<IReadOnlyList<SeenAgent>> ListAsync(string? account, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string provider_account, string agent_id, DateTime? bridge_seen_at, DateTime? vendor_seen_at,
            bool connected, string? unavailable_reason)>(new CommandDefinition(ListSql,
            new { account, now = now.ToUniversalTime(), limit = MaxListed }, cancellationToken: cancellationToken));
        return rows.Select(r => new SeenAgent(r.provider_account, r.agent_id, Utc(r.bridge_seen_at), Utc(r.vendor_seen_at), r.connected,
            r.unavailable_reason)).ToList();
    }

    /// <summary>Which of <paramref name="agentIds"/> have a live page for <paramref name="account"/>, on any node.</summary>
    public async Task<IReadOnlyList<AgentPresence>> PresenceAsync(string account, IReadOnlyList<string> agentIds, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        if (agentIds.Count == 0) return [];
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string agent_id, string node, string? unavailable_reason)>(new CommandDefinition(PresenceSql,
            new { account, agentIds = agentIds.ToArray(), now = now.ToUniversalTime() }, cancellationToken: cancellationToken));
        return rows.Select(r => new AgentPresence(r.agent_id, r.node, r.unavailable_reason)).ToList();
    }

    private static DateTimeOffset? Utc(DateTime? at) => at is { } value ? new DateTimeOffset(DateTime.SpecifyKind(value, DateTimeKind.Utc)) : null;
}
