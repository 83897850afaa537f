using AutoDialer.PostgreSql.Dispatch;
using AutoDialer.Testing;
using Dapper;
using Npgsql;

namespace AutoDialer.PostgreSql.Tests;

[Collection("postgres")]
public sealed class AutoDialerDataSourceTests(PostgresFixture postgres)
{
    private static readonly DateTime Now = new(2026, 11, 18, 2, 0, 0, DateTimeKind.Utc);

    /// <summary>
    /// A lease looks up its callees' recent dials. Prepared while <c>callee_dials</c> held a handful of rows, the
    /// statement got a generic plan that read the table whole, and PostgreSQL kept it while the table grew by thousands of
    /// rows a second, until its next analyze: in the in-process bench at 200,000 contacts such reads took 30–80 ms and
    /// set the p99. On AutoDialer's connections the statement is planned for the table as it is.
    /// </summary>
    [Fact]
    public async Task A_statement_prepared_while_its_table_was_small_reads_it_by_its_index_once_the_table_has_grown()
    {
        var dataSource = await postgres.CreateDatabaseAsync("plan_cache");
        await using var connection = await dataSource.OpenConnectionAsync();
        const string Dials = """
            insert into callee_dials (attempt_id, phone, caller_number, campaign_id, dialled_at)
            select g, '+86138' || lpad(g::text, 8, '0'), '+861058000000', 1, @now from generate_series(@from, @to) g
            """;
        await connection.ExecuteAsync(Dials, new { now = Now, from = 1, to = 5 });
        await connection.ExecuteAsync("analyze callee_dials");
        var lookup = new { phones = new[] { "+8613800000001", "+8613800000002" }, since = Now.AddDays(-7) };
        // Prepared (Npgsql's automatic preparation) and executed often enough for PostgreSQL to settle on a plan.
        for (var i = 0; i < 10; i++)
            await connection.QueryAsync(LeaseTransaction.RecentDialsSql, lookup);

        await connection.ExecuteAsync(Dials, new { now = Now, from = 6, to = 50_000 });
        // The session's counts not yet sent to the statistics collector stay put inside a transaction: the difference is this read's.
        await using var transaction = await connection.BeginTransactionAsync();
        const string Scans = "select seq_scan, coalesce(idx_scan, 0) from pg_stat_xact_user_tables where relname = 'callee_dials'";
        var before = await connection.QuerySingleAsync<(long Seq, long Index)>(Scans, transaction: transaction);
        var found = (await connection.QueryAsync(LeaseTransaction.RecentDialsSql, lookup, transaction)).Count();
        var after = await connection.QuerySingleAsync<(long Seq, long Index)>(Scans, transaction: transaction);

        Assert.Equal(2, found);
        Assert.Equal(0, after.Seq - before.Seq);
        Assert.True(after.Index > before.Index, "callee_dials was not read by its index");
    }

    [Theory]
    [InlineData("", "-c plan_cache_mode=force_custom_plan -c jit=off -c idle_in_transaction_session_timeout=10000")]
    [InlineData("-c search_path=dialer", "-c search_path=dialer -c plan_cache_mode=force_custom_plan -c jit=off -c idle_in_transaction_session_timeout=10000")]
    [InlineData("-c plan_cache_mode=auto", "-c plan_cache_mode=auto -c jit=off -c idle_in_transaction_session_timeout=10000")]
    [InlineData("-c jit=on", "-c jit=on -c plan_cache_mode=force_custom_plan -c idle_in_transaction_session_timeout=10000")]
    [InlineData("-c jit_above_cost=10", "-c jit_above_cost=10 -c plan_cache_mode=force_custom_plan -c jit=off -c idle_in_transaction_session_timeout=10000")]
    [InlineData("-c idle_in_transaction_session_timeout=0", "-c idle_in_transaction_session_timeout=0 -c plan_cache_mode=force_custom_plan -c jit=off")]
    public async Task Connections_start_with_AutoDialers_server_settings_unless_the_connection_string_sets_them(string options, string expected)
    {
        var connectionString = new NpgsqlConnectionStringBuilder("Host=127.0.0.1;Username=u;Database=d") { Options = options }.ConnectionString;

        await using var dataSource = AutoDialerDataSource.Create(connectionString);

        Assert.Equal(expected, new NpgsqlConnectionStringBuilder(dataSource.ConnectionString).Options);
    }

    /// <summary>
    /// A node that froze (SIGSTOP, a paused VM) in the middle of a lease or a settlement kept the rows they lock for update
    /// — the campaign's caller numbers — for as long as it stayed frozen, since the server still thought its connection
    /// alive, and every other node's leases and settlements waited on them: a chaos run placed no call for 23 s. PostgreSQL
    /// ends such a transaction once it has sat idle past the pool's limit, and the other nodes go on.
    /// </summary>
    [Fact]
    public async Task A_transaction_left_idle_by_a_frozen_node_gives_its_row_locks_back_to_the_other_nodes()
    {
        var database = await postgres.CreateDatabaseAsync("idle_limit");
        var connectionString = postgres.ConnectionStringOf(database);
        await using var frozenNode = AutoDialerDataSource.Create(connectionString, idleTransactionLimit: TimeSpan.FromSeconds(1));
        await using var otherNode = AutoDialerDataSource.Create(connectionString);
        await using var frozen = await frozenNode.OpenConnectionAsync();
        var campaignId = await frozen.ExecuteScalarAsync<long>("insert into campaigns (name) values ('idle limit') returning id");
        const string Lock = "select id from campaigns where id = @campaignId for update";
        var frozenTransaction = await frozen.BeginTransactionAsync();
        await frozen.ExecuteScalarAsync<long>(Lock, new { campaignId }, frozenTransaction);

        // The frozen node sends nothing more. The other node waits for the row, at most 15 s.
        await using var other = await otherNode.OpenConnectionAsync();
        await using var otherTransaction = await other.BeginTransactionAsync();
        await other.ExecuteAsync("select set_config('lock_timeout', '15s', true)", transaction: otherTransaction);
        var locked = await other.ExecuteScalarAsync<long>(Lock, new { campaignId }, otherTransaction);

        Assert.Equal(campaignId, locked);
        await Assert.ThrowsAnyAsync<NpgsqlException>(() => frozen.ExecuteAsync("select 1", transaction: frozenTransaction));
    }
}
