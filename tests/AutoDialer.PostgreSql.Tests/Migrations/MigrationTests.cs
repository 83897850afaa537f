using AutoDialer.PostgreSql.Migrations;

namespace AutoDialer.PostgreSql.Tests.Migrations;

public sealed class MigrationTests
{
    [Fact]
    public void EmbeddedResourcesHoldTheSqlDirectoryInVersionOrder()
    {
        var migrations = Migration.FromEmbeddedResources();

        Assert.Equal("001_foundation", migrations[0].Name);
        Assert.Equal(1, migrations[0].Version);
        Assert.Contains("create table campaigns", migrations[0].Sql, StringComparison.Ordinal);
        Assert.Equal(migrations.OrderBy(m => m.Version).Select(m => m.Version), migrations.Select(m => m.Version));
    }

    [Fact]
    public void VersionComesFromTheFileName()
    {
        var migration = Migration.FromFile("042_add_attempts.sql", "select 1");

        Assert.Equal(42, migration.Version);
        Assert.Equal("042_add_attempts", migration.Name);
    }

    [Theory]
    [InlineData("foundation.sql")]
    [InlineData("abc_foundation.sql")]
    [InlineData("000_zero.sql")]
    public void FileNamesWithoutAVersionAreRejected(string fileName) =>
        Assert.Throws<ArgumentException>(() => Migration.FromFile(fileName, "select 1"));

    [Fact]
    public void LineEndingsDoNotChangeTheChecksumButContentDoes()
    {
        var unix = new Migration(1, "001_x", "create table t (id int);\nselect 1;\n");
        var windows = new Migration(1, "001_x", "create table t (id int);\r\nselect 1;\r\n");
        var edited = new Migration(1, "001_x", "create table t (id bigint);\nselect 1;\n");

        Assert.Equal(unix.Checksum, windows.Checksum);
        Assert.NotEqual(unix.Checksum, edited.Checksum);
    }

    [Fact]
    public void TwoMigrationsWithOneVersionAreRejected() =>
        Assert.Throws<ArgumentException>(() => new MigrationRunner(
        [
            new Migration(1, "001_a", "select 1"),
            new Migration(1, "001_b", "select 1"),
        ]));
}
