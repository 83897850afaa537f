using Dapper;
using Npgsql;

namespace AutoDialer.PostgreSql.Agents;

/// <summary>
/// <c>dialer_accounts</c>: which provider accounts the dialling nodes of the cluster serve, each node renewing its own
/// rows (<see cref="AnnounceAsync"/>) until it stops (<see cref="WithdrawAsync"/>) or its rows expire (it crashed). An
/// account no live row names is not configured anywhere in the installation.
/// </summary>
internal sealed class ProviderAccountDirectory(NpgsqlDataSource dataSource)
{
    /// <summary>Upserts this node's accounts and removes its rows of accounts it no longer serves; one statement.</summary>
    private const string AnnounceSql = """
        with served as (
            select * from unnest(@accounts::text[], @providers::text[], @bridges::boolean[], @open::boolean[], @reasons::text[])
                as t(provider_account, provider, bridge, circuit_open, circuit_reason)
        ), gone as (
            delete from dialer_accounts d where d.node = @node
            and not exists (select 1 from served s where s.provider_account = d.provider_account)
        )
        insert into dialer_accounts (provider_account, node, provider, bridge, circuit_open, circuit_reason, seen_at, expires_at)
        select provider_account, @node, provider, bridge, circuit_open, circuit_reason, @now, @expiresAt from served
        on conflict (provider_account, node) do update set
            provider = excluded.provider, bridge = excluded.bridge, circuit_open = excluded.circuit_open,
            circuit_reason = excluded.circuit_reason, seen_at = excluded.seen_at, expires_at = excluded.expires_at
        """;

    /// <summary>The live accounts with their circuits and the pages connected for them (live rows of bridge_sessions).</summary>
    private const string ListSql = """
        select a.provider_account, min(a.provider) as provider, bool_or(a.bridge) as bridge, bool_or(a.circuit_open) as circuit_open,
               string_agg(a.circuit_reason, '; ') filter (where a.circuit_open) as circuit_reason, count(*)::int as nodes,
               max(a.seen_at) as seen_at,
               (select count(*)::int from bridge_sessions s where s.provider_account = a.provider_account and s.expires_at > @now) as connected_pages,
               (select count(*)::int from bridge_sessions s where s.provider_account = a.provider_account and s.expires_at > @now
                                                                and s.unavailable_reason = '') as available_pages
        from dialer_accounts a
        where a.expires_at > @now and (@account::text is null or a.provider_account = @account)
        group by a.provider_account
        order by a.provider_account
        """;

    /// <summary>This node serves <paramref name="accounts"/> until <paramref name="expiresAt"/> (unless it says so again).</summary>
    public async Task AnnounceAsync(string node, IReadOnlyList<DialerAccount> accounts, DateTimeOffset now, DateTimeOffset expiresAt,
        CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(AnnounceSql, new
        {
            node,
            accounts = accounts.Select(a => a.ProviderAccount).ToArray(),
            providers = accounts.Select(a => a.Provider).ToArray(),
            bridges = accounts.Select(a => a.Bridge).ToArray(),
            open = accounts.Select(a => a.CircuitOpen).ToArray(),
            reasons = accounts.Select(a => a.CircuitReason).ToArray(),
            now = now.ToUniversalTime(),
            expiresAt = expiresAt.ToUniversalTime(),
        }, cancellationToken: cancellationToken));
    }

    /// <summary>This node serves nothing any more (a graceful stop).</summary>
    public async Task WithdrawAsync(string node, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("delete from dialer_accounts where node = @node", new { node }, cancellationToken: cancellationToken));
    }

    /// <summary>Every account a live node serves.</summary>
    public Task<IReadOnlyList<ProviderAccountStatus>> ListAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        ReadAsync(null, now, cancellationToken);

    /// <summary>The account as the live nodes serve it; null when none does (it is configured nowhere in the installation).</summary>
    public async Task<ProviderAccountStatus?> FindAsync(string account, DateTimeOffset now, CancellationToken cancellationToken) =>
        (await ReadAsync(account, now, cancellationToken)).SingleOrDefault();

    private async Task<IReadOnlyList<ProviderAccountStatus>> ReadAsync(string? account, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string provider_account, string provider, bool bridge, bool circuit_open, string? circuit_reason,
            int nodes, DateTime seen_at, int connected_pages, int available_pages)>(
            new CommandDefinition(ListSql, new { account, now = now.ToUniversalTime() }, cancellationToken: cancellationToken));
        return rows.Select(r => new ProviderAccountStatus(r.provider_account, r.provider, r.bridge, r.circuit_open ? "open" : "closed",
            r.circuit_reason, r.nodes, r.connected_pages, r.available_pages, new DateTimeOffset(DateTime.SpecifyKind(r.seen_at, DateTimeKind.Utc)))).ToList();
    }
}
