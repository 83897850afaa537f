using AutoDialer.PostgreSql;
using AutoDialer.PostgreSql.Migrations;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace AutoDialer.Cli;

/// <summary>
/// The database a CLI verb works on: the server named by AUTODIALER_DB, or else the embedded one under
/// AUTODIALER_HOME, started for the verb and stopped when it ends (also on Ctrl+C) — schema brought up to date.
/// </summary>
internal sealed class CliDatabase : IAsyncDisposable
{
    private readonly AutoDialerDatabase _database;

    private CliDatabase(AutoDialerDatabase database) => _database = database;

    public string ConnectionString => _database.ConnectionString;
    public NpgsqlDataSource DataSource => _database.DataSource;

    /// <param name="hostDrainsFirst">
    /// The verb runs a host that shuts down gracefully on Ctrl+C/SIGTERM (serve, demo): the embedded server must then
    /// stop after the host has drained, when this object is disposed, not from its own signal handler.
    /// </param>
    /// <param name="serverSettings">Settings added to the embedded server's when this verb starts it (a server already
    /// running for another process keeps its own).</param>
    public static async Task<CliDatabase> OpenAsync(ILoggerFactory loggers, CancellationToken cancellationToken, bool migrate = true,
        bool hostDrainsFirst = false, IReadOnlyDictionary<string, string>? serverSettings = null)
    {
        var options = new AutoDialerDatabaseOptions();
        foreach (var (name, value) in serverSettings ?? new Dictionary<string, string>())
            options.Embedded.ServerSettings[name] = value;
        var database = await AutoDialerDatabase.OpenAsync(options, loggers.CreateLogger<AutoDialerDatabase>(), cancellationToken);
        if (!hostDrainsFirst && !OperatingSystem.IsWindows())
            database.EmbeddedServer?.StopOnProcessExit();
        var cli = new CliDatabase(database);
        if (migrate)
            await cli.MigrateAsync(cancellationToken);
        return cli;
    }

    public Task<IReadOnlyList<string>> MigrateAsync(CancellationToken cancellationToken) =>
        new MigrationRunner().ApplyAsync(DataSource, cancellationToken);

    public ValueTask DisposeAsync() => _database.DisposeAsync();
}
