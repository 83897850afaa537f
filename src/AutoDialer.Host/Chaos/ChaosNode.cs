using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace AutoDialer.Host.Chaos;

/// <summary>
/// One dialer node of the chaos cluster: <c>autodialer serve</c> as a process of its own on a port it keeps across
/// restarts, with the pages reaching it through a <see cref="SocketCutter"/>.
/// </summary>
internal sealed class ChaosNode : IAsyncDisposable
{
    /// <summary>How long a node may take to answer /healthz after it starts (a cold start builds nothing, but two
    /// cores are shared with the other node, the simulator and PostgreSQL).</summary>
    private static readonly TimeSpan StartLimit = TimeSpan.FromSeconds(90);

    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);

    private readonly IReadOnlyDictionary<string, string> _environment;
    private readonly string _logFile;
    private readonly HttpClient _http;
    private ChildProcess? _process;

    /// <param name="apiKey">One of the node's <c>AutoDialer:Auth:ApiKeys</c>: sent with the operator's calls and the health probes.</param>
    public ChaosNode(string name, IReadOnlyDictionary<string, string> environment, string workDirectory, string apiKey)
    {
        Name = name;
        Port = FreePort();
        _environment = new Dictionary<string, string>(environment) { ["AutoDialer__Bridge__NodeId"] = name, ["AutoDialer__Dialing__Node"] = name };
        _logFile = Path.Combine(workDirectory, $"{name}.log");
        Cutter = new SocketCutter(Port);
        Cutter.Start();
        _http = new HttpClient { BaseAddress = Url, Timeout = TimeSpan.FromSeconds(10) };
        _http.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
    }

    public string Name { get; }

    public int Port { get; }

    /// <summary>The node's own address, for the operator's API calls.</summary>
    public Uri Url => new($"http://127.0.0.1:{Port}");

    public SocketCutter Cutter { get; }

    public HttpClient Api => _http;

    public string LogFile => _logFile;

    public int Starts { get; private set; }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _process?.Dispose();
        _process = ChildProcess.Start(["serve", "--urls", Url.ToString()], _environment, _logFile);
        Starts++;
        await UntilHealthyAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>SIGKILL, then started again on the same port.</summary>
    public async Task KillAndRestartAsync(CancellationToken cancellationToken)
    {
        await _process!.KillAsync().ConfigureAwait(false);
        await StartAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>SIGTERM: the node drains (acknowledges what it accepted) and stops.</summary>
    public async Task<bool> StopAsync(TimeSpan limit) => _process is null || await _process.TerminateAsync(limit).ConfigureAwait(false);

    /// <summary>Health is the node's view of its database, which no event announces: polled, bounded.</summary>
    private async Task UntilHealthyAsync(CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (_process!.HasExited)
            {
                throw new InvalidOperationException($"node {Name} exited while starting; see {_logFile}");
            }

            try
            {
                using var response = await _http.GetAsync(new Uri("/healthz", UriKind.Relative), cancellationToken).ConfigureAwait(false);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // A slow answer while it starts.
            }

            if (clock.Elapsed > StartLimit)
            {
                throw new TimeoutException($"node {Name} was not healthy {StartLimit.TotalSeconds:0} s after starting; see {_logFile}");
            }

            await Task.Delay(PollInterval, cancellationToken).ConfigureAwait(false);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        _process?.Dispose();
        await Cutter.DisposeAsync().ConfigureAwait(false);
        _http.Dispose();
    }
}
