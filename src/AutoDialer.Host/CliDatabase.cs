using AutoDialer.PostgreSql.Embedded;
using AutoDialer.PostgreSql.Migrations;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace AutoDialer.Host;

/// <summary>
/// The database a CLI verb works on: the server named by AUTODIALER_DB, or else the embedded one under
/// AUTODIALER_HOME, started for the verb and stopped when it ends — with the schema brought up to date.
/// </summary>
internal sealed class CliDatabase : IAsyncDisposable
{
    private readonly EmbeddedPostgres? server;

    private CliDatabase(string connectionString, EmbeddedPostgres? server)
    {
        ConnectionString = connectionString;
        this.server = server;
        DataSource = NpgsqlDataSource.Create(connectionString);
    }

    public string ConnectionString { get; }
    public NpgsqlDataSource DataSource { get; }
    public bool IsEmbedded => server is not null;

    public static async Task<CliDatabase> OpenAsync(ILoggerFactory loggers, CancellationToken cancellationToken, bool migrate = true)
    {
        CliDatabase database;
        if (Environment.GetEnvironmentVariable("AUTODIALER_DB") is { Length: > 0 } external)
        {
            database = new CliDatabase(external, null);
        }
        else
        {
            var server = await EmbeddedPostgres.StartAsync(new EmbeddedPostgresOptions(), loggers.CreateLogger<EmbeddedPostgres>(), cancellationToken);
            server.StopOnProcessExit();
            database = new CliDatabase(server.ConnectionString, server);
        }
        if (migrate)
            await database.MigrateAsync(cancellationToken);
        return database;
    }

    public Task<IReadOnlyList<string>> MigrateAsync(CancellationToken cancellationToken) =>
        new MigrationRunner().ApplyAsync(DataSource, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await DataSource.DisposeAsync();
        if (server is not null)
            await server.DisposeAsync();
    }
}
