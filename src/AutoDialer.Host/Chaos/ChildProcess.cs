using System.Diagnostics;
using System.Globalization;

namespace AutoDialer.Host.Chaos;

/// <summary>
/// This program run again as a child process (<c>autodialer serve</c>, <c>autodialer simulate</c>), its standard
/// output and error appended to a log file. Killed (SIGKILL) or asked to stop (SIGTERM) by its id only.
/// </summary>
internal sealed class ChildProcess : IDisposable
{
    private readonly Process _process;
    private readonly StreamWriter _log;
    private readonly List<string> _stdout = [];

    private ChildProcess(Process process, StreamWriter log)
    {
        _process = process;
        _log = log;
        process.OutputDataReceived += (_, e) => Keep(e.Data, stdout: true);
        process.ErrorDataReceived += (_, e) => Keep(e.Data, stdout: false);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>The last line written to standard output (a verb's <c>--json</c> summary).</summary>
    public string? LastOutputLine
    {
        get
        {
            lock (_stdout)
            {
                return _stdout.Count == 0 ? null : _stdout[^1];
            }
        }
    }

    public static ChildProcess Start(IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment, string logFile)
    {
        var (program, prefix) = Self();
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in prefix.Concat(arguments))
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var log = new StreamWriter(new FileStream(logFile, FileMode.Append, FileAccess.Write, FileShare.Read)) { AutoFlush = true };
        log.WriteLine($"==== {DateTimeOffset.UtcNow:O} {string.Join(' ', start.ArgumentList)}");
        return new ChildProcess(Process.Start(start) ?? throw new InvalidOperationException($"could not start {program}"), log);
    }

    /// <summary>SIGKILL: no drain, no goodbye, as a crash or an OOM kill.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync().ConfigureAwait(false);
    }

    /// <summary>SIGTERM, then waits up to <paramref name="limit"/>; false when it is still running.</summary>
    public async Task<bool> TerminateAsync(TimeSpan limit)
    {
        if (_process.HasExited)
        {
            return true;
        }

        using (var signal = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await signal.WaitForExitAsync().ConfigureAwait(false);
        }

        using var timeout = new CancellationTokenSource(limit);
        try
        {
            await _process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>How to start this program again: the apphost itself, or <c>dotnet autodialer.dll</c>.</summary>
    private static (string Program, string[] Prefix) Self()
    {
        var path = Environment.ProcessPath ?? throw new InvalidOperationException("this process's executable is unknown");
        return Path.GetFileNameWithoutExtension(path) == "dotnet"
            ? (path, [typeof(ChildProcess).Assembly.Location])
            : (path, []);
    }

    private void Keep(string? line, bool stdout)
    {
        if (line is null)
        {
            return;
        }

        if (stdout)
        {
            lock (_stdout)
            {
                _stdout.Add(line);
            }
        }

        lock (_log)
        {
            _log.WriteLine(line);
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
        lock (_log)
        {
            _log.Dispose();
        }
    }
}
