using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace AutoDialer.AspNetCore.Tests;

/// <summary>
/// <c>autodialer serve</c> built next to these tests, as a child process configured only as a user would configure it
/// (environment variables), its output kept for the assertions' messages; killed on dispose.
/// </summary>
internal sealed class ServeProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly HttpClient client;
    private readonly List<string> output = [];

    private ServeProcess(Process process, Uri address, string? apiKey)
    {
        this.process = process;
        Address = address;
        client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(10) };
        if (apiKey is not null) client.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.Add(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.Add(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public Uri Address { get; }

    /// <param name="environment">More settings, e.g. <c>AutoDialer__Auth__ApiKeys__0</c>; also HOME, to give the process a home of its own.</param>
    /// <param name="workingDirectory">The process's current directory, which is the host's content root.</param>
    /// <param name="apiKey">Sent with the health probes, when the node requires credentials.</param>
    public static ServeProcess Start(string connectionString, string home, TimeSpan shutdownTimeout,
        IReadOnlyDictionary<string, string>? environment = null, string? workingDirectory = null, string? apiKey = null)
    {
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { HostBuild.Dll(), "serve", "--urls", $"http://127.0.0.1:{port}" })
            start.ArgumentList.Add(argument);
        start.Environment["AUTODIALER_DB"] = connectionString;
        start.Environment["AUTODIALER_HOME"] = home;
        start.Environment["DOTNET_SHUTDOWNTIMEOUTSECONDS"] = ((int)shutdownTimeout.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
            start.Environment[name] = value;
        if (workingDirectory is not null) start.WorkingDirectory = workingDirectory;
        return new ServeProcess(Process.Start(start)!, new Uri($"http://127.0.0.1:{port}"), apiKey);
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
