using AutoDialer.PostgreSql.Migrations;
using AutoDialer.Testing;
using Npgsql;

namespace AutoDialer.PostgreSql.Tests.Migrations;

/// <summary>A migration that shipped is never edited: databases recorded its checksum, and migrate refuses a changed one.</summary>
[Collection("postgres")]
public sealed class ShippedMigrationTests(PostgresFixture postgres)
{
    /// <summary>Every shipped migration with the checksum databases recorded. A new migration is added once it ships.</summary>
    [Theory]
    [InlineData(1, "001_foundation", "a6a214e0b174edcf6752ac1d4dcf6a019c50db71e4a1068f6f0ec714185248eb")]
    [InlineData(2, "002_dialing", "d5829050c31e21fd3eeb62005d31c19de017ad52ba7849dd025ee260bca27bfc")]
    [InlineData(5, "005_bridge", "5c7cd3d14ccdf508471e7792b19aaac7f7ea6998e20e21ecb613ca325b58965d")]
    [InlineData(6, "006_attempts_by_contact", "2cb550cfff805604d67e2f2688dcf0e1a6b618e57c89501b51f1727256aa4ab1")]
    [InlineData(7, "007_nightly_in_chunks", "45c35438d80edf642767dd4aac349fce8d60d66f9af51a6ff5dfc179e191ef02")]
    [InlineData(8, "008_live_attempts_by_settled_at", "d15ffd07fb43bdff9267cf4e7e73ec9e12ed104070c6f23b4ecdd9c0006c6514")]
    [InlineData(9, "009_counters_in_key_order", "0c87b4a6ca7fe310a0c7d44efca06313e3786b35f449c995ba180d9b5d2bfb60")]
    [InlineData(10, "010_dial_gate", "c829d0a023699cb4167ab9bbe148c0553a36ead69e4456df365287cd4446a97f")]
    [InlineData(11, "011_quarantined_events", "156d8fb2a2d43203cab394db50804f9a25cc105ea83d7c6921af275eb7aa869f")]
    [InlineData(12, "012_drop_quartz", "f00f823e2e218641944b7c0b70b9009d4f5b10f5138589f21619a8080a156c9b")]
    [InlineData(13, "013_upload_jobs", "05823508221f39b23d9d6e07c8ef843ffb1fdd4d366dd531b741c05580a1e28e")]
    [InlineData(14, "014_data_protection_keys", "8f503a70190ef0c1bb83abf4698960cafcc9304d8ffc79054006246abb658c4a")]
    [InlineData(15, "015_frequency_cap_names", "f0b24590f36118cc50b7fba8dfaec72f8699461e5fa46324c8c89f717ed8ada1")]
    [InlineData(16, "016_cluster_directory", "ee7d4e0fa85da093288c7ec6914b1577c98c234a2c36d6f15c49b1fd7e2c4feb")]
    [InlineData(17, "017_audit", "f6b1f4a6a9bbf94f703336159ad7d0fbd1ec18afc7929440af57d857a5c0ccb8")]
    [InlineData(18, "018_daily_reports", "cf3d4cf51274704e76aaa765e7c01842f31200b81ec7b4371b5afc1d234635d4")]
    [InlineData(20, "020_event_vendor", "36e31a43f9b72e70f0ebff5a5f05559375232ce4ab8c47602435f5305bedbf80")]
    [InlineData(22, "022_live_attempts_by_phone", "99601e7d6d73f8b9bda476f54ef4d309ff18b3f1a3b69f66bef849b6e7994116")]
    [InlineData(24, "024_number_facts", "1893eb511843d4e813b9c2fc8426f7dfb47c320a7f77a45798d2e5b948435c21")]
    [InlineData(25, "025_agent_side", "8bbc9ca5fd2424d8914384f9f31242a3b8d94b64b7adb269c78547a847e1181e")]
    [InlineData(26, "026_alternate_numbers", "f5a736a271c19d66be6411cca98e95716f6ae0778c3f1d29fa55d2b62dba7979")]
    [InlineData(27, "027_disposition_audit", "ddab57c706190e84c5e5380e13574f5f7944e105756fa852c23072b335fc2572")]
    [InlineData(28, "028_make_call_deadline", "685d48cf1249ff4ce7817c66330c9db96c8fa0b9ccf1129b11fdac033ffa2582")]
    [InlineData(29, "029_attempt_ids_uncached", "d0b79e4dfcdab7700851ea412546e1ccdf038b2e9980708bc70b32f8162d2acd")]
    [InlineData(30, "030_node_readiness", "cb0e7a77eb5827abdb004e407ade4f9a6bc1101393a9cc198dec0d18018ad1f1")]
    [InlineData(31, "031_attempts_by_caller_number", "df69e4906fd036c3444ac635ac83ca5198700290ac5ea55112ed30d15c7f3039")]
    [InlineData(32, "032_attempts_by_call_id", "ff8f5c6a37428bcde62241a605a0f09c0d28de1505fdeafe853bf53221f07f3e")]
    [InlineData(33, "033_offered_by_expiry", "2b18fcf6ccc62b4c5df6a09a8743c4235d279d9a8ba6ce5842cdb95521e1871e")]
    public void A_shipped_migration_keeps_its_name_and_checksum(int version, string name, string checksum)
    {
        var migration = Assert.Single(Migration.FromEmbeddedResources(), m => m.Version == version);
        Assert.Equal((name, checksum), (migration.Name, migration.Checksum));
    }

    /// <summary>
    /// 008 was edited (its comment) after it shipped, so a database that had run its first text was refused by migrate.
    /// That earlier text does the same: such a database migrates again, and records the current text.
    /// </summary>
    [Fact]
    public async Task A_database_that_ran_the_first_text_of_008_migrates_again()
    {
        var dataSource = await postgres.CreateEmptyDatabaseAsync("migrate_first_008");
        var shipped = Migration.FromEmbeddedResources();
        var firstText = Migration.FromFile("008_live_attempts_by_settled_at.sql",
            await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Migrations", "Shipped", "008_live_attempts_by_settled_at.first.sql")));
        await new MigrationRunner(shipped.Where(m => m.Version < 8).Append(firstText)).ApplyAsync(dataSource, CancellationToken.None);

        var applied = await new MigrationRunner().ApplyAsync(dataSource, CancellationToken.None);

        Assert.Contains("009_counters_in_key_order", applied);
        await using var command = dataSource.CreateCommand("select checksum from schema_migrations where version = 8");
        Assert.Equal(shipped.Single(m => m.Version == 8).Checksum, await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Any_other_edit_of_a_shipped_migration_is_still_refused()
    {
        var dataSource = await postgres.CreateEmptyDatabaseAsync("migrate_edited_008");
        var shipped = Migration.FromEmbeddedResources();
        var edited = Migration.FromFile("008_live_attempts_by_settled_at.sql", shipped.Single(m => m.Version == 8).Sql + "\nselect 1;");
        await new MigrationRunner(shipped.Where(m => m.Version < 8).Append(edited)).ApplyAsync(dataSource, CancellationToken.None);

        var failure = await Assert.ThrowsAsync<MigrationException>(() => new MigrationRunner().ApplyAsync(dataSource, CancellationToken.None));
        Assert.Equal("008_live_attempts_by_settled_at", failure.MigrationName);
    }
}
