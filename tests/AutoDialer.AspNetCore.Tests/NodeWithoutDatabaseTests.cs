using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using AutoDialer.PostgreSql.Embedded;
using AutoDialer.Testing;
using Npgsql;

namespace AutoDialer.AspNetCore.Tests;

/// <summary>
/// The real <c>autodialer serve</c> as a child process whose PostgreSQL the test stops and starts: a server of this
/// class's own (the shared one must stay up for the other tests), started again in the same home, where it comes
/// back on the port it had.
/// </summary>
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
        await using var node = ServeProcess.Start(connectionString, home.Path, ShutdownTimeout);
        await node.UntilHealthAsync(healthy: true, Bound);

        await StopDatabaseAsync();
        await node.UntilHealthAsync(healthy: false, Bound);
        await node.UntilOutputAsync("Hangfire", "cannot reach its job store", Bound);

        var stopping = Stopwatch.StartNew();
        node.Terminate();
        var exited = await node.WaitForExitAsync(ShutdownTimeout + ExitMargin);

        Assert.True(exited, $"serve was still running {stopping.Elapsed.TotalSeconds:F0} s after SIGTERM with its database down (shutdown timeout {ShutdownTimeout.TotalSeconds} s)");
    }

    [Fact]
    public async Task A_node_whose_database_comes_back_is_healthy_again_by_itself()
    {
        await using var node = ServeProcess.Start(connectionString, home.Path, ShutdownTimeout);
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

    /// <summary><c>autodialer serve</c> built next to this test, its output kept for the assertions' messages.</summary>
    private sealed class ServeProcess : IAsyncDisposable
    {
        private readonly Process process;
        private readonly HttpClient client;
        private readonly List<string> output = [];

        private ServeProcess(Process process, Uri address)
        {
            this.process = process;
            client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(10) };
            process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.Add(e.Data); };
            process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.Add(e.Data); };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
        }

        public static ServeProcess Start(string connectionString, string home, TimeSpan shutdownTimeout)
        {
            var port = FreePort();
            var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var argument in new[] { HostBuild.Dll(), "serve", "--urls", $"http://127.0.0.1:{port}" })
                start.ArgumentList.Add(argument);
            start.Environment["AUTODIALER_DB"] = connectionString;
            start.Environment["AUTODIALER_HOME"] = home;
            start.Environment["DOTNET_SHUTDOWNTIMEOUTSECONDS"] = ((int)shutdownTimeout.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return new ServeProcess(Process.Start(start)!, new Uri($"http://127.0.0.1:{port}"));
        }

        public string Output
        {
            get { lock (output) return string.Join('\n', output.TakeLast(40)); }
        }

        /// <summary>Polls /healthz (bounded): health is a property of the node's view of its database, which no event announces.</summary>
        public async Task UntilHealthAsync(bool healthy, TimeSpan limit)
        {
            var clock = Stopwatch.StartNew();
            while (true)
            {
                if (process.HasExited) Assert.Fail($"serve exited ({process.ExitCode}):\n{Output}");
                try
                {
                    using var response = await client.GetAsync("/healthz");
                    if (response.IsSuccessStatusCode == healthy) return;
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    // Not listening yet, or the check took its time.
                }
                Assert.True(clock.Elapsed < limit, $"/healthz did not turn {(healthy ? "healthy" : "unhealthy")} within {limit}:\n{Output}");
                await Task.Delay(200);
            }
        }

        /// <summary>Waits (bounded) for a log line that contains <paramref name="source"/>, for the reason given.</summary>
        public async Task UntilOutputAsync(string source, string why, TimeSpan limit)
        {
            var clock = Stopwatch.StartNew();
            while (!OutputContains(source))
            {
                Assert.True(clock.Elapsed < limit, $"no {source} log line within {limit} ({why}):\n{Output}");
                await Task.Delay(200);
            }
        }

        private bool OutputContains(string text)
        {
            lock (output) return output.Any(l => l.Contains(text, StringComparison.Ordinal));
        }

        /// <summary>SIGTERM, as a service manager stops a node.</summary>
        public void Terminate()
        {
            using var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!;
            kill.WaitForExit();
        }

        public async Task<bool> WaitForExitAsync(TimeSpan limit)
        {
            using var timeout = new CancellationTokenSource(limit);
            try
            {
                await process.WaitForExitAsync(timeout.Token);
                return true;
            }
            catch (OperationCanceledException)
            {
                return false;
            }
        }

        public async ValueTask DisposeAsync()
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
            client.Dispose();
            process.Dispose();
        }

        private static int FreePort()
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
    }
}
