using AutoDialer.PostgreSql;
using Xunit;
using System.Text;
using AutoDialer.PostgreSql.Embedded;
using AutoDialer.PostgreSql.Migrations;
using Npgsql;

namespace AutoDialer.Testing;

/// <summary>
/// One PostgreSQL server per test run: the one named by AUTODIALER_DB, else an embedded server in a
/// temporary home. Tests isolate themselves with a fresh database each.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001:Types that own disposable fields should be disposable",
    Justification = "xunit ends a fixture's life with IAsyncLifetime.DisposeAsync, which disposes the directories.")]
public sealed class PostgresFixture : IAsyncLifetime
{
    private readonly List<NpgsqlDataSource> _dataSources = [];
    private readonly List<string> _databases = [];
    private TemporaryDirectory? _home;
    private TemporaryDirectory? _fallbackRoot;
    private EmbeddedPostgres? _server;

    /// <summary>Connects to the server's default AutoDialer database as a user that may create databases.</summary>
    public string ConnectionString { get; private set; } = "";

    /// <summary>How the embedded server was started; null when AUTODIALER_DB chose an existing server.</summary>
    internal EmbeddedPostgresOptions? EmbeddedOptions { get; private set; }

    public async Task InitializeAsync()
    {
        var external = Environment.GetEnvironmentVariable(AutoDialerDatabaseOptions.ConnectionStringVariable);
        if (!string.IsNullOrWhiteSpace(external))
        {
            ConnectionString = external;
            return;
        }

        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException($"The embedded PostgreSQL runs on Linux and macOS only: set {AutoDialerDatabaseOptions.ConnectionStringVariable}.");
        }

        _home = new TemporaryDirectory("autodialer-tests-", TemporaryDirectory.Reachable);
        // Only used if the temp path itself is out of the postgres account's reach.
        _fallbackRoot = new TemporaryDirectory("autodialer-tests-clusters-", TemporaryDirectory.Reachable);
        EmbeddedOptions = new EmbeddedPostgresOptions { Home = _home.Path, FallbackRoot = _fallbackRoot.Path };
        // One server for a whole test project: every test's database has its pools, and every host its own (the
        // dialer's, Hangfire's job store's), so the production default of 400 ran out ("53300: too many clients").
        EmbeddedOptions.ServerSettings["max_connections"] = "1000";
        _server = await EmbeddedPostgres.StartAsync(EmbeddedOptions, logger: null, CancellationToken.None);
        // A finished test's idle pooled connections are closed within seconds, not the default five minutes.
        ConnectionString = new NpgsqlConnectionStringBuilder(_server.ConnectionString)
        {
            ConnectionIdleLifetime = 10,
            ConnectionPruningInterval = 2,
        }.ConnectionString;
    }

    /// <summary>A new database with every migration applied.</summary>
    public async Task<NpgsqlDataSource> CreateDatabaseAsync(string? prefix = null)
    {
        var dataSource = await CreateEmptyDatabaseAsync(prefix);
        await new MigrationRunner().ApplyAsync(dataSource, CancellationToken.None);
        return dataSource;
    }

    /// <summary>
    /// The full connection string of a database this fixture created (a data source hides the password), for code
    /// that is configured with a connection string, as a host is.
    /// </summary>
    public string ConnectionStringOf(NpgsqlDataSource dataSource) =>
        new NpgsqlConnectionStringBuilder(ConnectionString)
        {
            Database = new NpgsqlConnectionStringBuilder(dataSource.ConnectionString).Database,
        }.ConnectionString;

    /// <summary>A new database with nothing in it, not even schema_migrations.</summary>
    /// <summary>
    /// A unique name part without digits (a GUID's hex digits 0–9 written as the letters g–p): database names reach
    /// telemetry labels (Npgsql names a pool it was not given a name for by its connection string, as Hangfire's own
    /// connections are), and seven digits in a row there would look like a phone number to the tests that check that no
    /// label carries one.
    /// </summary>
    private static string LettersOnly(Guid id) =>
        string.Concat(id.ToString("N").Select(c => c is >= '0' and <= '9' ? (char)('g' + (c - '0')) : c));

    public async Task<NpgsqlDataSource> CreateEmptyDatabaseAsync(string? prefix = null)
    {
        var name = $"{Identifier(prefix ?? "test")}_{LettersOnly(Guid.NewGuid())}";
        await using (var admin = new NpgsqlConnection(ConnectionString))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"create database \"{name}\"", admin);
            await create.ExecuteNonQueryAsync();
        }

        var dataSource = AutoDialerDataSource.Create(new NpgsqlConnectionStringBuilder(ConnectionString) { Database = name }.ConnectionString);
        lock (_dataSources)
        {
            _dataSources.Add(dataSource);
            _databases.Add(name);
        }

        return dataSource;
    }

    public async Task DisposeAsync()
    {
        foreach (var dataSource in _dataSources)
        {
            await dataSource.DisposeAsync();
        }

        if (_server is null)
        {
            // Someone else's server: leave it as we found it.
            await using var admin = new NpgsqlConnection(ConnectionString);
            await admin.OpenAsync();
            foreach (var name in _databases)
            {
                await using var drop = new NpgsqlCommand($"drop database if exists \"{name}\" with (force)", admin);
                await drop.ExecuteNonQueryAsync();
            }

            return;
        }

        NpgsqlConnection.ClearAllPools();
        if (!OperatingSystem.IsWindows())
        {
            await _server.DisposeAsync();
        }

        _home?.Dispose();
        _fallbackRoot?.Dispose();
    }

    /// <summary>Lower-case letters, digits and underscores, short enough to leave room for a GUID in 63 bytes.</summary>
    private static string Identifier(string prefix)
    {
        var identifier = new StringBuilder();
        foreach (var c in prefix.ToLowerInvariant())
        {
            identifier.Append(c is >= 'a' and <= 'z' or >= '0' and <= '9' ? c : '_');
        }

        return identifier.Length == 0 ? "test" : identifier.ToString()[..Math.Min(identifier.Length, 24)];
    }
}
