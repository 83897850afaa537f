using System.Diagnostics;
using System.Net;
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

    /// <summary>
    /// What a load balancer sees of a node with credentials configured: without any, <c>/healthz/live</c> answers 200
    /// and <c>/healthz/ready</c> 200 while the database answers, 503 within 5 s of its stopping, 200 again once it is back
    /// (the detailed <c>/healthz</c> still needs credentials).
    /// </summary>
    [Fact]
    public async Task With_credentials_configured_an_anonymous_probe_sees_ready_turn_503_within_5_s_of_the_database_stopping_and_200_after_it_returns()
    {
        await using var node = StartNode(("AutoDialer__Auth__ApiKeys__0", "probe-walk-key"));
        using var probe = new HttpClient { BaseAddress = node.Url, Timeout = TimeSpan.FromSeconds(10) };
        await node.UntilListeningAsync(Bound);
        await UntilStatusAsync(probe, "healthz/ready", HttpStatusCode.OK, Bound, node);
        using (var live = await probe.GetAsync("healthz/live"))
            Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        using (var detailed = await probe.GetAsync("healthz"))
            Assert.Equal(HttpStatusCode.Unauthorized, detailed.StatusCode);

        await StopDatabaseAsync();
        await UntilStatusAsync(probe, "healthz/ready", HttpStatusCode.ServiceUnavailable, TimeSpan.FromSeconds(5), node);
        using (var live = await probe.GetAsync("healthz/live"))
            Assert.Equal(HttpStatusCode.OK, live.StatusCode);

        server = await EmbeddedPostgres.StartAsync(options, logger: null, CancellationToken.None);
        await UntilStatusAsync(probe, "healthz/ready", HttpStatusCode.OK, Bound, node);
        Assert.True(await node.StopAsync(ShutdownTimeout + ExitMargin), "serve did not stop after SIGTERM");
    }

    /// <summary>Polls <paramref name="path"/> until it answers <paramref name="expected"/>: readiness is a database fact no line announces.</summary>
    private static async Task UntilStatusAsync(HttpClient probe, string path, HttpStatusCode expected, TimeSpan limit, ServeProcess node)
    {
        var clock = Stopwatch.StartNew();
        HttpStatusCode? last = null;
        while (clock.Elapsed < limit)
        {
            try
            {
                using var response = await probe.GetAsync(path);
                last = response.StatusCode;
                if (last == expected) return;
            }
            catch (HttpRequestException)
            {
                last = null;
            }
            await Task.Delay(100);
        }
        Assert.Fail($"{path} answered {(last is { } status ? (int)status : "nothing")}, not {(int)expected}, after {limit.TotalSeconds} s:\n{node.Output}");
    }

    private async Task StopDatabaseAsync()
    {
        var stopping = server!;
        server = null;
        await stopping.DisposeAsync();
    }

    /// <summary><c>autodialer serve</c> on this class's database, with the node's shutdown timeout set as a service
    /// manager would set it (DOTNET_SHUTDOWNTIMEOUTSECONDS).</summary>
    private ServeProcess StartNode(params (string Name, string Value)[] more)
    {
        var environment = new Dictionary<string, string>
        {
            ["AUTODIALER_DB"] = connectionString,
            ["AUTODIALER_HOME"] = home.Path,
            ["DOTNET_SHUTDOWNTIMEOUTSECONDS"] = ((int)ShutdownTimeout.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        foreach (var (name, value) in more) environment[name] = value;
        return ServeProcess.Serve(FreePort.Next(), environment);
    }
}
