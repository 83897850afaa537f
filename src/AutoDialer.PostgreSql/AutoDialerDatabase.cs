using AutoDialer.PostgreSql.Embedded;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace AutoDialer.PostgreSql;

/// <summary>
/// The database AutoDialer works in: the server named by <c>AUTODIALER_DB</c>, or else the embedded server
/// of the AutoDialer home, started for as long as this is open. Migrations are not applied here.
/// </summary>
internal sealed class AutoDialerDatabase : IAsyncDisposable
{
    private AutoDialerDatabase(string connectionString, EmbeddedPostgres? embeddedServer)
    {
        ConnectionString = connectionString;
        EmbeddedServer = embeddedServer;
        DataSource = AutoDialerDataSource.Create(connectionString);
    }

    public string ConnectionString { get; }

    public NpgsqlDataSource DataSource { get; }

    /// <summary>The embedded server in use, or null when <c>AUTODIALER_DB</c> chose an existing one.</summary>
    public EmbeddedPostgres? EmbeddedServer { get; }

    /// <summary>Uses <c>AUTODIALER_DB</c> and <c>AUTODIALER_HOME</c> from the environment.</summary>
    public static Task<AutoDialerDatabase> OpenAsync(ILogger? logger, CancellationToken cancellationToken) =>
        OpenAsync(new AutoDialerDatabaseOptions(), logger, cancellationToken);

    public static async Task<AutoDialerDatabase> OpenAsync(
        AutoDialerDatabaseOptions options, ILogger? logger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            return new AutoDialerDatabase(options.ConnectionString, embeddedServer: null);
        }

        if (OperatingSystem.IsWindows())
        {
            throw new EmbeddedPostgresException(
                $"The embedded PostgreSQL server is not supported on Windows; set {AutoDialerDatabaseOptions.ConnectionStringVariable} " +
                "to the connection string of an existing PostgreSQL server.");
        }

        var server = await EmbeddedPostgres.StartAsync(options.Embedded, logger, cancellationToken).ConfigureAwait(false);
        try
        {
            return new AutoDialerDatabase(server.ConnectionString, server);
        }
        catch
        {
            await server.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        // Connections first, so the server (if ours and the last user) stops without cutting off our own.
        await DataSource.DisposeAsync().ConfigureAwait(false);
        if (EmbeddedServer is IAsyncDisposable server)
        {
            await server.DisposeAsync().ConfigureAwait(false);
        }
    }
}
