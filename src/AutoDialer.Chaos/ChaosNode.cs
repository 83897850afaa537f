using AutoDialer.Testing;

namespace AutoDialer.Chaos;

/// <summary>
/// One dialer node of the chaos cluster: <c>autodialer serve</c> as a process of its own (<see cref="ServeProcess"/>)
/// on a port it keeps across restarts, with the pages reaching it through a <see cref="SocketCutter"/>.
/// </summary>
internal sealed class ChaosNode : IAsyncDisposable
{
    /// <summary>How long a node may take to answer /healthz after it starts (a cold start builds nothing, but two
    /// cores are shared with the other node, the simulator and PostgreSQL).</summary>
    private static readonly TimeSpan StartLimit = TimeSpan.FromSeconds(90);

    private readonly IReadOnlyDictionary<string, string> _environment;
    private readonly string _apiKey;
    private readonly HttpClient _http;
    private ServeProcess? _process;

    /// <param name="apiKey">One of the node's <c>AutoDialer:Auth:ApiKeys</c>: sent with the operator's calls and the health probes.</param>
    /// <param name="clockOffset">Shifts the node's own clock (<c>AutoDialer:Dialing:ClockOffset</c>, testing only).</param>
    public ChaosNode(string name, IReadOnlyDictionary<string, string> environment, string workDirectory, string apiKey, TimeSpan clockOffset = default)
    {
        Name = name;
        Port = FreePort.Next();
        ClockOffset = clockOffset;
        _environment = new Dictionary<string, string>(environment)
        {
            // Its connections named, so the run can see in PostgreSQL what this node holds (DialFenceProbe).
            ["AUTODIALER_DB"] = $"{environment["AUTODIALER_DB"]};Application Name={name}",
            ["AutoDialer__Bridge__NodeId"] = name,
            ["AutoDialer__Dialing__Node"] = name,
            ["AutoDialer__Dialing__ClockOffset"] = clockOffset.ToString("c", System.Globalization.CultureInfo.InvariantCulture),
        };
        LogFile = Path.Combine(workDirectory, $"{name}.log");
        Cutter = new SocketCutter(Port);
        Cutter.Start();
        _apiKey = apiKey;
        _http = new HttpClient { BaseAddress = Url, Timeout = TimeSpan.FromSeconds(30) };
        _http.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
    }

    public string Name { get; }

    public TimeSpan ClockOffset { get; }

    public int Port { get; }

    /// <summary>The node's own address, for the operator's API calls.</summary>
    public Uri Url => new($"http://127.0.0.1:{Port}");

    public SocketCutter Cutter { get; }

    public HttpClient Api => _http;

    public string LogFile { get; }

    public int Starts { get; private set; }

    /// <summary>Starts serve and waits until it is healthy: its view of its database, which no line announces.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (_process is not null)
        {
            await _process.DisposeAsync().ConfigureAwait(false);
        }

        _process = ServeProcess.Serve(Port, _environment, LogFile, healthApiKey: _apiKey);
        Starts++;
        try
        {
            await _process.UntilHealthAsync(healthy: true, StartLimit, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is TimeoutException or InvalidOperationException)
        {
            throw new InvalidOperationException($"node {Name} did not become healthy: {e.Message.Split('\n')[0]}; see {LogFile}", e);
        }
    }

    /// <summary>SIGKILL, then started again on the same port.</summary>
    public async Task KillAndRestartAsync(CancellationToken cancellationToken)
    {
        await _process!.KillAsync().ConfigureAwait(false);
        await StartAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// SIGSTOP at a moment the node holds the dial fence (<paramref name="holdsFence"/> says so just before and just after
    /// the signal; a try that missed it is thawed at once), trying for at most <paramref name="within"/>, then anyway: the
    /// node's sockets, transactions and locks stay open and nobody answers on them. Returns whether it held the fence when
    /// it froze. <see cref="ThawAfterAsync"/> wakes it.
    /// </summary>
    public async Task<bool> FreezeHoldingFenceAsync(Func<CancellationToken, Task<bool>> holdsFence, TimeSpan within, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var until = time.GetUtcNow() + within;
        while (true)
        {
            var last = time.GetUtcNow() >= until;
            if (await holdsFence(cancellationToken).ConfigureAwait(false) || last)
            {
                _process!.Freeze();
                if (await holdsFence(cancellationToken).ConfigureAwait(false))
                {
                    return true;
                }

                if (last)
                {
                    return false;
                }

                _process.Thaw();
            }

            // Polling PostgreSQL's lock table: the fence is held for a make-call's round trip at a time.
            await Task.Delay(TimeSpan.FromMilliseconds(10), time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>SIGCONT after <paramref name="duration"/>.</summary>
    public async Task ThawAfterAsync(TimeSpan duration, TimeProvider time, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(duration, time, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _process!.Thaw();
        }
    }

    /// <summary>SIGTERM: the node drains (acknowledges what it accepted) and stops.</summary>
    public async Task<bool> StopAsync(TimeSpan limit) => _process is null || await _process.StopAsync(limit).ConfigureAwait(false);

    public async ValueTask DisposeAsync()
    {
        if (_process is not null)
        {
            await _process.DisposeAsync().ConfigureAwait(false);
        }

        await Cutter.DisposeAsync().ConfigureAwait(false);
        _http.Dispose();
    }
}
