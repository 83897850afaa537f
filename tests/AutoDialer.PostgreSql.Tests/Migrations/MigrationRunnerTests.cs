using AutoDialer.Testing;
using AutoDialer.PostgreSql.Migrations;
using Npgsql;

namespace AutoDialer.PostgreSql.Tests.Migrations;

[Collection("postgres")]
public sealed class MigrationRunnerTests(PostgresFixture postgres)
{
    [Fact]
    public async Task AppliesEveryMigrationOnceAndASecondRunAppliesNothing()
    {
        var dataSource = await postgres.CreateEmptyDatabaseAsync("migrate_twice");
        var runner = new MigrationRunner();

        var first = await runner.ApplyAsync(dataSource, CancellationToken.None);
        var second = await runner.ApplyAsync(dataSource, CancellationToken.None);

        Assert.Equal(runner.Migrations.Select(m => m.Name), first);
        Assert.Contains("001_foundation", first);
        Assert.Empty(second);
        Assert.Equal(
            runner.Migrations.Select(m => (m.Version, m.Name, m.Checksum)),
            await RecordedAsync(dataSource));
        Assert.True(await ExistsAsync(dataSource, "campaigns"));
    }

    [Fact]
    public async Task ConcurrentRunnersOnAFreshDatabaseBothSucceedAndApplyEachMigrationOnce()
    {
        var dataSource = await postgres.CreateEmptyDatabaseAsync("migrate_concurrently");
        var migrations = Migration.FromEmbeddedResources();

        // Hold the runners' lock so both are provably waiting at the same point, then let them race.
        await using var blocker = await dataSource.OpenConnectionAsync();
        await ScalarAsync(blocker, $"select pg_advisory_lock({MigrationRunner.AdvisoryLockKey})");
        var first = new MigrationRunner(migrations, installsJobStorage: true).ApplyAsync(dataSource, CancellationToken.None);
        var second = new MigrationRunner(migrations, installsJobStorage: true).ApplyAsync(dataSource, CancellationToken.None);
        await WaitForLockWaitersAsync(blocker, expected: 2);
        await ScalarAsync(blocker, $"select pg_advisory_unlock({MigrationRunner.AdvisoryLockKey})");

        var applied = (await Task.WhenAll(first, second)).SelectMany(names => names).ToArray();

        Assert.Equal(migrations.Select(m => m.Name).Order(), applied.Order());
        Assert.Equal(migrations.Select(m => (m.Version, m.Name, m.Checksum)), await RecordedAsync(dataSource));
        Assert.True(await ExistsAsync(dataSource, "hangfire.job"));
    }

    [Fact]
    public async Task MigrateInstallsTheJobStoreSchemaAndDropsTheQuartzTablesOfEarlierVersions()
    {
        var dataSource = await postgres.CreateEmptyDatabaseAsync("migrate_from_quartz");
        var quartzEra = Migration.FromEmbeddedResources().Where(m => m.Version <= 11).ToArray();
        await new MigrationRunner(quartzEra).ApplyAsync(dataSource, CancellationToken.None);
        await using (var quartz = dataSource.CreateCommand(
            "create table qrtz_job_details (sched_name text); create table qrtz_triggers (sched_name text); create table qrtz_execution_history (id int)"))
        {
            await quartz.ExecuteNonQueryAsync();
        }

        var applied = await new MigrationRunner().ApplyAsync(dataSource, CancellationToken.None);

        Assert.Contains("012_drop_quartz", applied);
        await using var tables = dataSource.CreateCommand("select count(*) from pg_tables where tablename like 'qrtz%'");
        Assert.Equal(0L, await tables.ExecuteScalarAsync());
        foreach (var table in new[] { "hangfire.job", "hangfire.jobqueue", "hangfire.server", "hangfire.set", "hangfire.lock" })
            Assert.True(await ExistsAsync(dataSource, table), table);
    }

    [Fact]
    public async Task AFailingMigrationRollsBackItsOwnChangesAndKeepsEarlierOnes()
    {
        var dataSource = await postgres.CreateEmptyDatabaseAsync("migrate_failing");
        var runner = new MigrationRunner(
        [
            new Migration(1, "001_first", "create table first_table (id int); insert into first_table values (1);"),
            new Migration(2, "002_broken", "create table second_table (id int); insert into second_table values (1); select 1 / 0;"),
            new Migration(3, "003_after", "create table third_table (id int);"),
        ]);

        var failure = await Assert.ThrowsAsync<MigrationException>(() => runner.ApplyAsync(dataSource, CancellationToken.None));

        Assert.Equal("002_broken", failure.MigrationName);
        Assert.Equal(PostgresErrorCodes.DivisionByZero, Assert.IsType<PostgresException>(failure.InnerException).SqlState);
        Assert.True(await ExistsAsync(dataSource, "first_table"));
        Assert.False(await ExistsAsync(dataSource, "second_table"));
        Assert.False(await ExistsAsync(dataSource, "third_table"));
        Assert.Equal([1], (await RecordedAsync(dataSource)).Select(r => r.Version));
    }

    [Fact]
    public async Task AChangedAppliedMigrationIsRefusedAndNothingElseIsApplied()
    {
        var dataSource = await postgres.CreateEmptyDatabaseAsync("migrate_changed");
        await new MigrationRunner([new Migration(1, "001_table", "create table t (id int);")])
            .ApplyAsync(dataSource, CancellationToken.None);
        var edited = new MigrationRunner(
        [
            new Migration(1, "001_table", "create table t (id bigint);"),
            new Migration(2, "002_more", "create table u (id int);"),
        ]);

        var failure = await Assert.ThrowsAsync<MigrationException>(() => edited.ApplyAsync(dataSource, CancellationToken.None));

        Assert.Equal("001_table", failure.MigrationName);
        Assert.Contains("changed after it was applied", failure.Message, StringComparison.Ordinal);
        Assert.False(await ExistsAsync(dataSource, "u"));
        Assert.Equal([1], (await RecordedAsync(dataSource)).Select(r => r.Version));
    }

    [Fact]
    public async Task FixtureDatabasesAreMigratedAndIsolatedFromEachOther()
    {
        var one = await postgres.CreateDatabaseAsync("isolated");
        var other = await postgres.CreateDatabaseAsync("isolated");

        await using (var insert = one.CreateCommand("insert into campaigns (name) values ('only in one')"))
        {
            await insert.ExecuteNonQueryAsync();
        }

        await using var count = other.CreateCommand("select count(*) from campaigns");
        Assert.Equal(0L, await count.ExecuteScalarAsync());
    }

    private static async Task<List<(int Version, string Name, string Checksum)>> RecordedAsync(NpgsqlDataSource dataSource)
    {
        var rows = new List<(int, string, string)>();
        await using var command = dataSource.CreateCommand("select version, name, checksum from schema_migrations order by version");
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetInt32(0), reader.GetString(1), reader.GetString(2)));
        }

        return rows;
    }

    private static async Task<bool> ExistsAsync(NpgsqlDataSource dataSource, string table)
    {
        await using var command = dataSource.CreateCommand("select to_regclass($1) is not null");
        command.Parameters.Add(new NpgsqlParameter { Value = table });
        return (bool)(await command.ExecuteScalarAsync())!;
    }

    private static async Task<object?> ScalarAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }

    private static async Task WaitForLockWaitersAsync(NpgsqlConnection connection, int expected)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        long waiting;
        do
        {
            waiting = (long)(await ScalarAsync(
                connection,
                $"""
                select count(*) from pg_locks
                where locktype = 'advisory' and not granted
                  and database = (select oid from pg_database where datname = current_database())
                """))!;
            if (waiting < expected)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(10)); // polling an observable state, not guessing a duration
            }
        }
        while (waiting < expected && DateTime.UtcNow < deadline);

        Assert.Equal(expected, waiting);
    }
}
