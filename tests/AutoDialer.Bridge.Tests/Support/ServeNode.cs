using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using AutoDialer.Testing;

namespace AutoDialer.Bridge.Tests.Support;

/// <summary>
/// The real <c>autodialer serve</c> as a child process, configured only as a user would configure it (environment
/// variables): the production host setup, JSON settings included, not a test host's. Ready when it logs that it
/// listens; killed on dispose.
/// </summary>
public sealed class ServeNode : IAsyncDisposable
{
    private static readonly TimeSpan StartLimit = TimeSpan.FromSeconds(90);

    private readonly Process _process;
    private readonly List<string> _output = [];
    private readonly TaskCompletionSource _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TemporaryDirectory _home = new("autodialer-serve-", TemporaryDirectory.Reachable);

    private ServeNode(IReadOnlyDictionary<string, string> environment)
    {
        var port = FreePort();
        BaseUrl = new Uri($"http://127.0.0.1:{port}");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { HostDll(), "serve", "--urls", BaseUrl.ToString().TrimEnd('/') })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["AUTODIALER_HOME"] = _home.Path;
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        _process = new Process { StartInfo = start, EnableRaisingEvents = true };
        _process.OutputDataReceived += (_, e) => Take(e.Data);
        _process.ErrorDataReceived += (_, e) => Take(e.Data);
        _process.Exited += (_, _) => _listening.TrySetException(new InvalidOperationException("serve exited before it listened:\n" + Output));
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public Uri BaseUrl { get; }

    public string Output
    {
        get { lock (_output) return string.Join('\n', _output.TakeLast(60)); }
    }

    /// <summary>Starts <c>serve</c> with these environment variables (e.g. <c>AutoDialer__Udesk__AppId</c>) and waits until it listens.</summary>
    public static async Task<ServeNode> StartAsync(IReadOnlyDictionary<string, string> environment)
    {
        var node = new ServeNode(environment);
        try
        {
            await node._listening.Task.WaitAsync(StartLimit);
        }
        catch
        {
            var output = node.Output;
            await node.DisposeAsync();
            throw new InvalidOperationException("serve did not start:\n" + output);
        }

        return node;
    }

    public Uri Url(string pathAndQuery) => new(BaseUrl, pathAndQuery);

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        _home.Dispose();
    }

    private void Take(string? line)
    {
        if (line is null) return;
        lock (_output) _output.Add(line);
        // Microsoft.Hosting.Lifetime's line, logged once Kestrel accepts connections.
        if (line.Contains("Now listening on", StringComparison.Ordinal)) _listening.TrySetResult();
    }

    /// <summary>The host built next to these tests (the project reference builds it), in the same configuration.</summary>
    private static string HostDll()
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent?.Name ?? "Debug"; // …/bin/<configuration>/net10.0/
        var dll = Path.Combine(RepositoryPaths.Root, "src", "AutoDialer.Host", "bin", configuration, "net10.0", "autodialer.dll");
        return File.Exists(dll) ? dll : throw new InvalidOperationException($"{dll} is missing: build src/AutoDialer.Host");
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
