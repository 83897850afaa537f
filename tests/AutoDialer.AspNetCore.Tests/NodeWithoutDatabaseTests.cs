using System.Diagnostics;
using AutoDialer.PostgreSql.Embedded;
using AutoDialer.Testing;
using Npgsql;

namespace AutoDialer.AspNetCore.Tests;

/// <summary>
/// The real <c>autodialer serve</c> as a child process whose PostgreSQL the test stops and starts: a server of this
/// class's own (the shared one must stay up for the other tests), started again in the same home, where it comes
/// back on the port it had.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class NodeWithoutDatabaseTests : IAsyncLifetime
{
    /// <summary>The node's shutdown timeout (the host's own setting, <c>shutdownTimeoutSeconds</c>); kept short to keep the test short.</summary>
    private static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Beyond the shutdown timeout: the rest of a stop (disposing the container, the runtime exiting) takes a moment.</summary>
    private static readonly TimeSpan ExitMargin = TimeSpan.FromSeconds(10);

    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    private readonly TemporaryDirectory home = new("autodialer-nodb-", TemporaryDirectory.Reachable);
    private readonly TemporaryDirectory fallback = new("autodialer-nodb-clusters-", TemporaryDirectory.Reachable);
    private EmbeddedPostgresOptions options = null!;
    private EmbeddedPostgres? server;
    private string connectionString = "";

    public async Task InitializeAsync()
    {
        options = new EmbeddedPostgresOptions { Home = home.Path, FallbackRoot = fallback.Path };
        server = await EmbeddedPostgres.StartAsync(options, logger: null, CancellationToken.None);
        await using (var admin = new NpgsqlConnection(server.ConnectionString))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand("create database node", admin);
            await create.ExecuteNonQueryAsync();
        }
        connectionString = new NpgsqlConnectionStringBuilder(server.ConnectionString) { Database = "node" }.ConnectionString;
    }

    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (server is not null) await server.DisposeAsync();
        home.Dispose();
        fallback.Dispose();
    }

    [Fact]
    public async Task A_node_whose_database_is_gone_stops_on_SIGTERM_within_its_shutdown_timeout()
    {
        await using var node = StartNode();
        await node.UntilHealthAsync(healthy: true, Bound);

        await StopDatabaseAsync();
        await node.UntilHealthAsync(healthy: false, Bound);
        // Hangfire says it cannot reach its job store: the job server's stop is the one that would wait on it.
        await node.UntilLineAsync("Hangfire", Bound);

        var stopping = Stopwatch.StartNew();
        node.Terminate();
        var exited = await node.WaitForExitAsync(ShutdownTimeout + ExitMargin);

        Assert.True(exited, $"serve was still running {stopping.Elapsed.TotalSeconds:F0} s after SIGTERM with its database down (shutdown timeout {ShutdownTimeout.TotalSeconds} s)");
    }

    [Fact]
    public async Task A_node_whose_database_comes_back_is_healthy_again_by_itself()
    {
        await using var node = StartNode();
        await node.UntilHealthAsync(healthy: true, Bound);
        await StopDatabaseAsync();
        await node.UntilHealthAsync(healthy: false, Bound);

        server = await EmbeddedPostgres.StartAsync(options, logger: null, CancellationToken.None);

        await node.UntilHealthAsync(healthy: true, Bound);
        node.Terminate();
        Assert.True(await node.WaitForExitAsync(ShutdownTimeout + ExitMargin), "serve did not stop after SIGTERM");
    }

    private async Task StopDatabaseAsync()
    {
        var stopping = server!;
        server = null;
        await stopping.DisposeAsync();
    }

    /// <summary><c>autodialer serve</c> on this class's database, with the node's shutdown timeout set as a service
    /// manager would set it (DOTNET_SHUTDOWNTIMEOUTSECONDS).</summary>
    private ServeProcess StartNode() => ServeProcess.Serve(FreePort.Next(), new Dictionary<string, string>
    {
        ["AUTODIALER_DB"] = connectionString,
        ["AUTODIALER_HOME"] = home.Path,
        ["DOTNET_SHUTDOWNTIMEOUTSECONDS"] = ((int)ShutdownTimeout.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture),
    });
}
