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
    [InlineData("", "-c plan_cache_mode=force_custom_plan -c jit=off")]
    [InlineData("-c search_path=dialer", "-c search_path=dialer -c plan_cache_mode=force_custom_plan -c jit=off")]
    [InlineData("-c plan_cache_mode=auto", "-c plan_cache_mode=auto -c jit=off")]
    [InlineData("-c jit=on", "-c jit=on -c plan_cache_mode=force_custom_plan")]
    [InlineData("-c jit_above_cost=10", "-c jit_above_cost=10 -c plan_cache_mode=force_custom_plan -c jit=off")]
    public async Task Statements_are_planned_for_their_parameters_and_not_compiled_unless_the_connection_string_says_otherwise(string options, string expected)
    {
        var connectionString = new NpgsqlConnectionStringBuilder("Host=127.0.0.1;Username=u;Database=d") { Options = options }.ConnectionString;

        await using var dataSource = AutoDialerDataSource.Create(connectionString);

        Assert.Equal(expected, new NpgsqlConnectionStringBuilder(dataSource.ConnectionString).Options);
    }
}
