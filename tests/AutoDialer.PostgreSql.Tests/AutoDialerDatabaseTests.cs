using AutoDialer.Testing;
using AutoDialer.PostgreSql.Embedded;

namespace AutoDialer.PostgreSql.Tests;

[Collection("postgres")]
public sealed class AutoDialerDatabaseTests(PostgresFixture postgres)
{
    [Fact]
    public async Task AConnectionStringIsUsedAsGivenAndNoServerIsStarted()
    {
        await using var database = await AutoDialerDatabase.OpenAsync(
            new AutoDialerDatabaseOptions
            {
                ConnectionString = postgres.ConnectionString,
                Embedded = new EmbeddedPostgresOptions { BinDirectory = "/nonexistent", SearchDefaultLocations = false },
            },
            logger: null,
            CancellationToken.None);

        Assert.Null(database.EmbeddedServer);
        Assert.Equal(postgres.ConnectionString, database.ConnectionString);
        await using var command = database.DataSource.CreateCommand("select 1");
        Assert.Equal(1, await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task WithoutAConnectionStringTheEmbeddedServerOfTheHomeIsUsed()
    {
        // The fixture's home when it runs embedded: then this shares (and must not stop) the fixture's server.
        using var ownHome = postgres.EmbeddedOptions is null
            ? new TemporaryDirectory("autodialer-home-", TemporaryDirectory.Reachable)
            : null;
        var embedded = postgres.EmbeddedOptions ?? new EmbeddedPostgresOptions { Home = ownHome!.Path };

        await using (var database = await AutoDialerDatabase.OpenAsync(
            new AutoDialerDatabaseOptions { ConnectionString = null, Embedded = embedded }, logger: null, CancellationToken.None))
        {
            Assert.NotNull(database.EmbeddedServer);
            Assert.Equal(database.EmbeddedServer.ConnectionString, database.ConnectionString);
            await using var command = database.DataSource.CreateCommand("select current_database()");
            Assert.Equal(EmbeddedPostgres.DatabaseName, await command.ExecuteScalarAsync());
        }

        if (postgres.EmbeddedOptions is not null)
        {
            Assert.Equal(1, await Embedded.ServerProbe.SelectOneAsync(postgres.ConnectionString));
        }
    }
}
