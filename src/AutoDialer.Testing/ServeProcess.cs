using System.Diagnostics;
using System.Globalization;
using System.Net;

namespace AutoDialer.Testing;

/// <summary>
/// <c>autodialer</c> as a child process — <c>serve</c> mostly, also <c>demo</c> or <c>simulate</c> — for the tests and
/// the chaos run alike. Its standard output and error are taken line by line under one lock (and appended to a log
/// file when one is given); its end is a task (<see cref="Exited"/>); it is ready when an awaited signal says so (a line
/// it writes, such as Kestrel's <see cref="ListeningLine"/>, or <c>/healthz</c> answering), never after a sleep. It is
/// stopped by its id only: SIGTERM as a service manager stops it, SIGKILL as a crash, and its whole tree is killed on
/// dispose if it still runs.
/// </summary>
public sealed class ServeProcess : IAsyncDisposable
{
    /// <summary>What Microsoft.Hosting.Lifetime writes once Kestrel accepts connections.</summary>
    public const string ListeningLine = "Now listening on";

    private const string ApiKeyHeader = "X-Api-Key";

    /// <summary>Lines kept for <see cref="Output"/> and for a wait that starts late; the log file has every line.</summary>
    private const int KeptLines = 2_000;

    /// <summary>Lines shown by <see cref="Output"/>, in an assertion's or an exception's message.</summary>
    private const int ShownLines = 60;

    private static readonly TimeSpan HealthPoll = TimeSpan.FromMilliseconds(200);

    private readonly Process _process;
    private readonly Lock _gate = new();
    private readonly Queue<string> _lines = new();
    private readonly List<(Func<string, bool> Match, TaskCompletionSource Seen)> _waits = [];
    private readonly StreamWriter? _log;
    private readonly HttpClient? _http;
    private string? _lastOutputLine;

    private ServeProcess(Process process, StreamWriter? log, Uri? url, string? apiKey)
    {
        _process = process;
        _log = log;
        Url = url;
        _http = url is null ? null : new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromSeconds(10) };
        if (apiKey is not null)
        {
            _http?.DefaultRequestHeaders.Add(ApiKeyHeader, apiKey);
        }

        process.OutputDataReceived += (_, e) => Take(e.Data, standardOutput: true);
        process.ErrorDataReceived += (_, e) => Take(e.Data, standardOutput: false);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        // WaitForExitAsync also waits for both streams to be read to their end: after Exited, every line has been taken.
        Exited = WaitForEndAsync();
    }

    /// <summary><c>autodialer serve --urls http://127.0.0.1:<paramref name="port"/></c>.</summary>
    /// <param name="healthApiKey">Sent as <c>X-Api-Key</c> with the health probes, when the node requires credentials
    /// (<c>AutoDialer:Auth</c> configured).</param>
    public static ServeProcess Serve(int port, IReadOnlyDictionary<string, string>? environment = null, string? logFile = null,
        string? workingDirectory = null, string? healthApiKey = null)
    {
        var url = new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}"));
        return Start(["serve", "--urls", url.GetLeftPart(UriPartial.Authority)], environment, logFile, workingDirectory, url, healthApiKey);
    }

    /// <summary><c>autodialer</c> with <paramref name="arguments"/> and these environment variables (on top of this
    /// process's), its output appended to <paramref name="logFile"/> when given.</summary>
    /// <param name="workingDirectory">The process's current directory (for <c>serve</c>, the host's content root);
    /// this process's when null.</param>
    public static ServeProcess Start(IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null, string? logFile = null,
        string? workingDirectory = null) =>
        Start(arguments, environment, logFile, workingDirectory, url: null, apiKey: null);

    private static ServeProcess Start(IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment, string? logFile,
        string? workingDirectory, Uri? url, string? apiKey)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var (program, prefix) = HostExecutable.Command();
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in prefix.Concat(arguments))
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        if (workingDirectory is not null)
        {
            start.WorkingDirectory = workingDirectory;
        }

        StreamWriter? log = null;
        if (logFile is not null)
        {
            log = new StreamWriter(new FileStream(logFile, FileMode.Append, FileAccess.Write, FileShare.Read)) { AutoFlush = true };
            log.WriteLine($"==== {DateTimeOffset.UtcNow:O} {string.Join(' ', start.ArgumentList)}");
        }

        try
        {
            return new ServeProcess(Process.Start(start) ?? throw new InvalidOperationException($"could not start {program}"), log, url, apiKey);
        }
        catch
        {
            log?.Dispose();
            throw;
        }
    }

    /// <summary>Where <c>serve</c> listens; null for another verb.</summary>
    public Uri? Url { get; }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>Completes with the exit code once the process has ended and its output has been read to the end.</summary>
    public Task<int> Exited { get; }

    /// <summary>The last lines of standard output and error as they came, for an assertion's message.</summary>
    public string Output
    {
        get
        {
            lock (_gate)
            {
                return string.Join('\n', _lines.TakeLast(ShownLines));
            }
        }
    }

    /// <summary>The last line written to standard output (a verb's <c>--json</c> summary).</summary>
    public string? LastOutputLine
    {
        get
        {
            lock (_gate)
            {
                return _lastOutputLine;
            }
        }
    }

    /// <summary>Completes when the process writes a line <paramref name="match"/> accepts (or wrote one already);
    /// fails when it exits first or <paramref name="limit"/> passes.</summary>
    public async Task UntilLineAsync(Func<string, bool> match, TimeSpan limit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(match);
        var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            if (_lines.Any(match))
            {
                return;
            }

            _waits.Add((match, seen));
        }

        try
        {
            var first = await Task.WhenAny(seen.Task, Exited).WaitAsync(limit, cancellationToken).ConfigureAwait(false);
            if (first != seen.Task && !seen.Task.IsCompleted)
            {
                throw new InvalidOperationException($"autodialer exited ({Exited.Result}) before the line awaited:\n{Output}");
            }
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"autodialer did not write the line awaited within {limit.TotalSeconds:0.#} s:\n{Output}");
        }
        finally
        {
            lock (_gate)
            {
                _waits.RemoveAll(w => w.Seen == seen);
            }
        }
    }

    /// <summary>Completes when a line contains <paramref name="text"/> (see <see cref="UntilLineAsync(Func{string, bool}, TimeSpan, CancellationToken)"/>).</summary>
    public Task UntilLineAsync(string text, TimeSpan limit, CancellationToken cancellationToken = default) =>
        UntilLineAsync(line => line.Contains(text, StringComparison.Ordinal), limit, cancellationToken);

    /// <summary>Completes once <c>serve</c> listens (its <see cref="ListeningLine"/>).</summary>
    public Task UntilListeningAsync(TimeSpan limit, CancellationToken cancellationToken = default) =>
        UntilLineAsync(ListeningLine, limit, cancellationToken);

    /// <summary>
    /// Once <c>serve</c> listens, until <c>/healthz</c> answers healthy (200) or unhealthy (anything else), as asked.
    /// Health is the node's view of its database and job store, which no line announces: polled, within <paramref name="limit"/>.
    /// </summary>
    public async Task UntilHealthAsync(bool healthy, TimeSpan limit, CancellationToken cancellationToken = default)
    {
        var http = _http ?? throw new InvalidOperationException("only serve has a /healthz");
        var clock = Stopwatch.StartNew();
        await UntilListeningAsync(limit, cancellationToken).ConfigureAwait(false);
        while (true)
        {
            if (HasExited)
            {
                throw new InvalidOperationException($"serve exited ({await Exited.ConfigureAwait(false)}) before /healthz turned {Healthy(healthy)}:\n{Output}");
            }

            try
            {
                using var response = await http.GetAsync(new Uri("/healthz", UriKind.Relative), cancellationToken).ConfigureAwait(false);
                if ((response.StatusCode == HttpStatusCode.OK) == healthy)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not answering: neither healthy nor, yet, a node that says it is not.
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // A slow answer (a start on shared cores, or a check that waits for its database).
            }

            if (clock.Elapsed > limit)
            {
                throw new TimeoutException($"/healthz did not turn {Healthy(healthy)} within {limit.TotalSeconds:0.#} s:\n{Output}");
            }

            await Task.Delay(HealthPoll, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>SIGTERM, as a service manager stops a node: it drains and stops within its shutdown timeout.</summary>
    public void Terminate()
    {
        if (HasExited)
        {
            return;
        }

        using var signal = Process.Start("kill", ["-TERM", Id.ToString(CultureInfo.InvariantCulture)]);
        signal.WaitForExit();
    }

    /// <summary>SIGSTOP: the process stops where it is, its sockets and transactions open, as a VM paused or a
    /// process stalled; <see cref="Thaw"/> lets it go on.</summary>
    public void Freeze() => Signal("-STOP");

    /// <summary>SIGCONT after <see cref="Freeze"/>.</summary>
    public void Thaw() => Signal("-CONT");

    private void Signal(string signal)
    {
        if (HasExited)
        {
            return;
        }

        using var kill = Process.Start("kill", [signal, Id.ToString(CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    /// <summary>SIGTERM, then up to <paramref name="limit"/> for the process to end; false when it still runs.</summary>
    public async Task<bool> StopAsync(TimeSpan limit)
    {
        Terminate();
        return await WaitForExitAsync(limit).ConfigureAwait(false);
    }

    /// <summary>True once the process has ended (within <paramref name="limit"/>), false when it still runs.</summary>
    public async Task<bool> WaitForExitAsync(TimeSpan limit)
    {
        try
        {
            await Exited.WaitAsync(limit).ConfigureAwait(false);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    /// <summary>SIGKILL to the process and its children: no drain, no goodbye, as a crash or an OOM kill.</summary>
    public async Task KillAsync()
    {
        if (!HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await Exited.ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync().ConfigureAwait(false);
        _process.Dispose();
        _http?.Dispose();
        lock (_gate)
        {
            _log?.Dispose();
        }
    }

    private async Task<int> WaitForEndAsync()
    {
        await _process.WaitForExitAsync().ConfigureAwait(false);
        return _process.ExitCode;
    }

    private void Take(string? line, bool standardOutput)
    {
        if (line is null)
        {
            return;
        }

        List<TaskCompletionSource> seen = [];
        lock (_gate)
        {
            _log?.WriteLine(line);
            _lines.Enqueue(line);
            if (_lines.Count > KeptLines)
            {
                _lines.Dequeue();
            }

            if (standardOutput)
            {
                _lastOutputLine = line;
            }

            foreach (var wait in _waits.Where(w => w.Match(line)))
            {
                seen.Add(wait.Seen);
            }
        }

        foreach (var done in seen)
        {
            done.TrySetResult();
        }
    }

    private static string Healthy(bool healthy) => healthy ? "healthy" : "unhealthy";
}
