using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace AutoDialer.PostgreSql.Embedded;

/// <summary>
/// A use of the PostgreSQL server kept in an AutoDialer home: started on first use, shared by every process
/// using the same home, stopped when the last of them disposes it.
/// </summary>
[UnsupportedOSPlatform("windows")]
internal sealed class EmbeddedPostgres : IAsyncDisposable
{
    /// <summary>The superuser created by initdb and the database AutoDialer uses.</summary>
    public const string UserName = "autodialer";

    public const string DatabaseName = "autodialer";

    private const int StartAttempts = 3;

    private readonly PostgresCluster _cluster;
    private readonly ClusterLayout _layout;
    private readonly ServerLeases _leases;
    private readonly string _lease;
    private readonly TimeSpan _lockTimeout;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private Task? _release;
    private PosixSignalRegistration[]? _signalRegistrations;

    private EmbeddedPostgres(
        PostgresCluster cluster, ClusterLayout layout, ServerLeases leases, string lease, TimeSpan lockTimeout,
        ILogger logger, int port, string connectionString)
    {
        _cluster = cluster;
        _layout = layout;
        _leases = leases;
        _lease = lease;
        _lockTimeout = lockTimeout;
        _logger = logger;
        Port = port;
        ConnectionString = connectionString;
    }

    /// <summary>Connects to the <c>autodialer</c> database as the <c>autodialer</c> superuser.</summary>
    public string ConnectionString { get; }

    public int Port { get; }

    public string DataDirectory => _layout.DataDirectory;

    public string LogFile => _layout.LogFile;

    public static async Task<EmbeddedPostgres> StartAsync(
        EmbeddedPostgresOptions options, ILogger? logger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        logger ??= NullLogger.Instance;

        var binaries = PostgresBinaries.Locate(options);
        var account = await ServerAccount.ResolveAsync(options.ServerAccount, cancellationToken).ConfigureAwait(false);
        var layout = await ClusterLayout.ResolveAsync(options, account, logger, cancellationToken).ConfigureAwait(false);
        var cluster = new PostgresCluster(binaries, account, layout);
        var leases = new ServerLeases(layout.LeaseDirectory);

        using var clusterLock = await ClusterLock.AcquireAsync(layout.LockFile, options.LockTimeout, cancellationToken)
            .ConfigureAwait(false);
        var lease = leases.Add();
        try
        {
            var password = await EnsureClusterAsync(cluster, layout, logger, cancellationToken).ConfigureAwait(false);
            int port;
            if (await cluster.IsRunningAsync(cancellationToken).ConfigureAwait(false))
            {
                port = cluster.ReadPort();
                logger.LogInformation("Using the PostgreSQL server already running on 127.0.0.1:{Port} ({DataDirectory})", port, layout.DataDirectory);
            }
            else
            {
                port = await StartServerAsync(cluster, options, cancellationToken).ConfigureAwait(false);
                logger.LogInformation(
                    "Started PostgreSQL on 127.0.0.1:{Port} (data {DataDirectory}, log {LogFile})",
                    port, layout.DataDirectory, layout.LogFile);
            }

            await EnsureDatabaseAsync(port, password, layout, cancellationToken).ConfigureAwait(false);
            var connectionString = ConnectionStringFor(port, password, DatabaseName, pooling: true);
            return new EmbeddedPostgres(cluster, layout, leases, lease, options.LockTimeout, logger, port, connectionString);
        }
        catch
        {
            try
            {
                // A server this call started must not outlive the failure; one others use stays.
                await ReleaseLockedAsync(cluster, leases, lease, logger, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception releaseFailure)
            {
                logger.LogWarning(releaseFailure, "Could not release the embedded PostgreSQL server after a failed start");
            }

            throw;
        }
    }

    /// <summary>
    /// Also stop (when this is the last user) on Ctrl+C, SIGTERM and normal process exit, so a command line
    /// interrupted by the user does not leave the server running. A host that drains work on shutdown should
    /// rather dispose this itself once it has drained. Calling it again does nothing.
    /// </summary>
    public void StopOnProcessExit()
    {
        lock (_gate)
        {
            if (_release is not null || _signalRegistrations is not null)
            {
                return;
            }

            // The handler leaves PosixSignalContext.Cancel alone: the signal still ends the process afterwards.
            _signalRegistrations =
            [
                PosixSignalRegistration.Create(PosixSignal.SIGINT, _ => StopNow()),
                PosixSignalRegistration.Create(PosixSignal.SIGTERM, _ => StopNow()),
            ];
            AppDomain.CurrentDomain.ProcessExit += OnProcessExit;
        }
    }

    public ValueTask DisposeAsync()
    {
        lock (_gate)
        {
            _release ??= ReleaseAsync();
            return new ValueTask(_release);
        }
    }

    private async Task ReleaseAsync()
    {
        if (_signalRegistrations is not null)
        {
            AppDomain.CurrentDomain.ProcessExit -= OnProcessExit;
            foreach (var registration in _signalRegistrations)
            {
                registration.Dispose();
            }
        }

        await Task.Yield(); // the rest runs outside _gate
        using var clusterLock = await ClusterLock.AcquireAsync(_layout.LockFile, _lockTimeout, CancellationToken.None)
            .ConfigureAwait(false);
        await ReleaseLockedAsync(_cluster, _leases, _lease, _logger, CancellationToken.None).ConfigureAwait(false);
    }

    private void OnProcessExit(object? sender, EventArgs e) => StopNow();

    private void StopNow()
    {
        try
        {
            DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
        catch (Exception ex)
        {
            _logger.LogError(ex, "Could not stop the embedded PostgreSQL server ({DataDirectory})", DataDirectory);
        }
    }

    private static async Task ReleaseLockedAsync(
        PostgresCluster cluster, ServerLeases leases, string lease, ILogger logger, CancellationToken cancellationToken)
    {
        var remaining = leases.Release(lease);
        if (remaining > 0)
        {
            logger.LogDebug("PostgreSQL ({DataDirectory}) stays up for {Users} other user(s)", cluster.DataDirectory, remaining);
            return;
        }

        if (cluster.IsInitialised && await cluster.IsRunningAsync(cancellationToken).ConfigureAwait(false))
        {
            await cluster.StopAsync(cancellationToken).ConfigureAwait(false);
            logger.LogInformation("Stopped PostgreSQL ({DataDirectory})", cluster.DataDirectory);
        }
    }

    /// <summary>Creates the cluster on first use; returns the superuser password.</summary>
    private static async Task<string> EnsureClusterAsync(
        PostgresCluster cluster, ClusterLayout layout, ILogger logger, CancellationToken cancellationToken)
    {
        if (cluster.IsInitialised)
        {
            if (!File.Exists(layout.PasswordFile))
            {
                throw new EmbeddedPostgresException(
                    $"The PostgreSQL cluster in {layout.DataDirectory} exists but its password file {layout.PasswordFile} " +
                    "is missing. Restore the file, or delete the cluster directory to start with an empty database.");
            }

            return (await File.ReadAllTextAsync(layout.PasswordFile, cancellationToken).ConfigureAwait(false)).Trim();
        }

        logger.LogInformation("Creating a PostgreSQL cluster in {DataDirectory}", layout.DataDirectory);
        var password = RandomNumberGenerator.GetHexString(64, lowercase: true);
        // Written before initdb: a finished cluster never exists without its password.
        await SecretFile.WriteAsync(layout.PasswordFile, password, cancellationToken).ConfigureAwait(false);
        await cluster.InitialiseAsync(UserName, password, cancellationToken).ConfigureAwait(false);
        return password;
    }

    private static async Task<int> StartServerAsync(
        PostgresCluster cluster, EmbeddedPostgresOptions options, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            // The port it had first: a server stopped and started again (by any process of this home) comes back where
            // the running nodes' connection strings point, so they resume by themselves. Another program may take a
            // port between our probe and the server's bind; then try another.
            var port = attempt == 1 && cluster.LastPort() is { } last ? last : FreeLoopbackPort();
            if (await cluster.TryStartAsync(port, options.ServerSettings, cancellationToken).ConfigureAwait(false))
            {
                return port;
            }

            if (attempt == StartAttempts)
            {
                throw new EmbeddedPostgresException(
                    $"PostgreSQL found its port taken {StartAttempts} times in a row (server log: {cluster.LogFile}).")
                {
                    LogFile = cluster.LogFile,
                };
            }
        }
    }

    private static int FreeLoopbackPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        finally
        {
            listener.Stop();
        }
    }

    private static async Task EnsureDatabaseAsync(int port, string password, ClusterLayout layout, CancellationToken cancellationToken)
    {
        // A reused server may still be recovering from a crash of its previous owner.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        var connectionString = ConnectionStringFor(port, password, "postgres", pooling: false);
        while (true)
        {
            try
            {
                await using var connection = new NpgsqlConnection(connectionString);
                await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
                await using var exists = new NpgsqlCommand("select 1 from pg_database where datname = $1", connection)
                {
                    Parameters = { new NpgsqlParameter { Value = DatabaseName } },
                };
                if (await exists.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is null)
                {
                    await using var create = new NpgsqlCommand($"create database {DatabaseName}", connection);
                    await create.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }

                return;
            }
            catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.DuplicateDatabase)
            {
                return;
            }
            catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.CannotConnectNow && DateTime.UtcNow < deadline)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken).ConfigureAwait(false);
            }
            catch (NpgsqlException ex)
            {
                throw new EmbeddedPostgresException(
                    $"Could not connect to the embedded PostgreSQL server on 127.0.0.1:{port} as {UserName}: {ex.Message} " +
                    $"(password file {layout.PasswordFile}, server log {layout.LogFile})", ex)
                {
                    LogFile = layout.LogFile,
                };
            }
        }
    }

    private static string ConnectionStringFor(int port, string password, string database, bool pooling) =>
        new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = port,
            Username = UserName,
            Password = password,
            Database = database,
            Pooling = pooling,
        }.ConnectionString;
}
