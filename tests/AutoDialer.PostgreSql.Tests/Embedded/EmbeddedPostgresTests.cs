using AutoDialer.Testing;
using System.Security.Cryptography;
using System.Text;
using AutoDialer.PostgreSql.Embedded;
using Npgsql;

namespace AutoDialer.PostgreSql.Tests.Embedded;

public sealed class EmbeddedPostgresTests
{
    [Fact]
    public async Task ASecondStartOnTheSameHomeSharesTheServerWhichStopsWithItsLastUser()
    {
        // Private like a real home under /root: when running as root, the cluster must move to the fallback.
        using var home = new TemporaryDirectory("autodialer-home-", TemporaryDirectory.Private);
        using var fallbackRoot = new TemporaryDirectory("autodialer-clusters-", TemporaryDirectory.Reachable);
        var options = new EmbeddedPostgresOptions
        {
            Home = home.Path,
            FallbackRoot = fallbackRoot.Path,
            // The launcher owns where the server listens; settings must not move it.
            ServerSettings = { ["port"] = "1", ["listen_addresses"] = "*", ["work_mem"] = "7MB" },
        };
        var expectedDataDirectory = Environment.IsPrivilegedProcess
            ? Path.Combine(fallbackRoot.Path, Sha256Prefix(home.Path), "pg")
            : Path.Combine(home.Path, "pg");

        var first = await EmbeddedPostgres.StartAsync(options, logger: null, CancellationToken.None);
        EmbeddedPostgres? second = null;
        try
        {
            Assert.Equal(expectedDataDirectory, first.DataDirectory);
            Assert.Equal(
                UnixFileMode.UserRead | UnixFileMode.UserWrite,
                File.GetUnixFileMode(Path.Combine(home.Path, "pg.password")));
            Assert.Equal(EmbeddedPostgres.DatabaseName, new NpgsqlConnectionStringBuilder(first.ConnectionString).Database);

            Assert.Equal(
                [first.Port.ToString(), "127.0.0.1", "7MB", options.ServerSettings["max_wal_size"]],
                await SettingsAsync(first.ConnectionString, "port", "listen_addresses", "work_mem", "max_wal_size"));

            second = await EmbeddedPostgres.StartAsync(options, logger: null, CancellationToken.None);
            Assert.Equal(first.Port, second.Port);
            Assert.Equal(first.ConnectionString, second.ConnectionString);

            await first.DisposeAsync();
            Assert.Equal(1, await ServerProbe.SelectOneAsync(second.ConnectionString));

            await using (var connection = new NpgsqlConnection(second.ConnectionString))
            {
                await connection.OpenAsync();
                await using var create = new NpgsqlCommand("create table survives_restart (id int); insert into survives_restart values (7)", connection);
                await create.ExecuteNonQueryAsync();
            }

            NpgsqlConnection.ClearAllPools();
            await second.DisposeAsync();
            await ServerProbe.AssertStoppedAsync(second.ConnectionString, second.DataDirectory);
        }
        finally
        {
            await first.DisposeAsync();
            if (second is not null)
            {
                await second.DisposeAsync();
            }
        }

        // The cluster is created once: a later start finds the data (and the password) again.
        await using var third = await EmbeddedPostgres.StartAsync(options, logger: null, CancellationToken.None);
        await using var reopened = new NpgsqlConnection(third.ConnectionString);
        await reopened.OpenAsync();
        await using var read = new NpgsqlCommand("select id from survives_restart", reopened);
        Assert.Equal(7, await read.ExecuteScalarAsync());
    }

    [Fact]
    public async Task MissingBinariesFailWithOneMessageSayingHowToInstallThemOrWhatToSetInstead()
    {
        using var home = new TemporaryDirectory("autodialer-home-", TemporaryDirectory.Private);
        using var emptyBin = new TemporaryDirectory("autodialer-bin-", TemporaryDirectory.Private);
        var options = new EmbeddedPostgresOptions
        {
            Home = home.Path,
            BinDirectory = emptyBin.Path,
            SearchDefaultLocations = false,
        };

        var failure = await Assert.ThrowsAsync<EmbeddedPostgresException>(
            () => EmbeddedPostgres.StartAsync(options, logger: null, CancellationToken.None));

        Assert.Contains("apt-get install postgresql", failure.Message, StringComparison.Ordinal);
        Assert.Contains("AUTODIALER_DB", failure.Message, StringComparison.Ordinal);
        Assert.Contains(emptyBin.Path, failure.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(home.Path));
    }

    private static async Task<string[]> SettingsAsync(string connectionString, params string[] names)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var values = new List<string>();
        foreach (var name in names)
        {
            await using var command = new NpgsqlCommand("select current_setting($1)", connection);
            command.Parameters.Add(new NpgsqlParameter { Value = name });
            values.Add((string)(await command.ExecuteScalarAsync())!);
        }

        return [.. values];
    }

    private static string Sha256Prefix(string path) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(path)))[..12];
}
