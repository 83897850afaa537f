using System.Globalization;
using System.Runtime.Versioning;
using System.Text;
using System.Text.RegularExpressions;

namespace AutoDialer.PostgreSql.Embedded;

/// <summary>One data directory and the server running on it, driven through initdb and pg_ctl.</summary>
[UnsupportedOSPlatform("windows")]
internal sealed class PostgresCluster(PostgresBinaries binaries, ServerAccount account, ClusterLayout layout)
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    public string DataDirectory => layout.DataDirectory;

    public string LogFile => layout.LogFile;

    /// <summary>initdb completed: the data directory only appears under its final name once it has.</summary>
    public bool IsInitialised => File.Exists(Path.Combine(layout.DataDirectory, "PG_VERSION"));

    public async Task InitialiseAsync(string superuser, string password, CancellationToken cancellationToken)
    {
        var pending = layout.PendingDataDirectory;
        if (Directory.Exists(pending))
        {
            // Left by an initdb that was interrupted; it never held data.
            Directory.Delete(pending, recursive: true);
        }

        Directory.CreateDirectory(pending, OwnerOnly);
        var passwordFile = layout.InitDbPasswordFile;
        await SecretFile.WriteAsync(passwordFile, password, cancellationToken).ConfigureAwait(false);
        try
        {
            await account.TakeOwnershipAsync([pending, passwordFile], cancellationToken).ConfigureAwait(false);

            // C.UTF-8 keeps byte-order collation (fast, deterministic) with Unicode-aware upper/lower;
            // systems without that locale get plain C.
            var result = await RunInitDbAsync(superuser, passwordFile, "--locale=C.UTF-8", cancellationToken)
                .ConfigureAwait(false);
            if (!result.Succeeded && result.Output.Any(line => line.Contains("locale", StringComparison.OrdinalIgnoreCase)))
            {
                result = await RunInitDbAsync(superuser, passwordFile, "--no-locale", cancellationToken)
                    .ConfigureAwait(false);
            }

            if (!result.Succeeded)
            {
                throw new EmbeddedPostgresException(
                    $"initdb failed to create a cluster in {pending}:{Environment.NewLine}{result.LastLines()}");
            }
        }
        finally
        {
            File.Delete(passwordFile);
        }

        Directory.Move(pending, layout.DataDirectory);
    }

    public async Task<bool> IsRunningAsync(CancellationToken cancellationToken)
    {
        var result = await account.Command(binaries.PgCtl, "status", "-D", layout.DataDirectory)
            .RunAsync(cancellationToken).ConfigureAwait(false);
        return result.ExitCode switch
        {
            0 => true,
            3 => false, // documented: no server running
            _ => throw Failure("pg_ctl status", result),
        };
    }

    /// <summary>The port of the running server: line 4 of postmaster.pid.</summary>
    public int ReadPort()
    {
        var pidFile = Path.Combine(layout.DataDirectory, "postmaster.pid");
        var line = File.ReadLines(pidFile).Skip(3).FirstOrDefault();
        return int.TryParse(line, out var port)
            ? port
            : throw new EmbeddedPostgresException($"{pidFile} does not name a port on its fourth line.");
    }

    /// <summary>
    /// The port the server was last started on, from postmaster.opts (PostgreSQL writes each start's command line there
    /// and leaves it after the server stops); null before the first start.
    /// </summary>
    public int? LastPort()
    {
        var optsFile = Path.Combine(layout.DataDirectory, "postmaster.opts");
        if (!File.Exists(optsFile)) return null;
        var last = Regex.Matches(File.ReadAllText(optsFile), "\"port=([0-9]+)\"").LastOrDefault();
        return last is not null && int.TryParse(last.Groups[1].Value, out var port) ? port : null;
    }

    /// <summary>Starts the server; false when the port was taken meanwhile (the caller picks another).</summary>
    public async Task<bool> TryStartAsync(int port, IEnumerable<KeyValuePair<string, string>> settings, CancellationToken cancellationToken)
    {
        if (!File.Exists(layout.LogFile))
        {
            await File.WriteAllBytesAsync(layout.LogFile, [], cancellationToken).ConfigureAwait(false);
            await account.TakeOwnershipAsync([layout.LogFile], cancellationToken).ConfigureAwait(false);
        }

        var logStart = new FileInfo(layout.LogFile).Length;
        var options = new StringBuilder();
        foreach (var (name, value) in settings)
        {
            options.Append("-c ").Append(ShellQuote($"{name}={value}")).Append(' ');
        }

        // Last, because the last -c wins: settings cannot move the server to another port, off loopback, or
        // onto a Unix socket nobody looks for.
        options.Append(CultureInfo.InvariantCulture, $"-c port={port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=''");

        var result = await account.Command(
                binaries.PgCtl, "start", "-D", layout.DataDirectory, "-l", layout.LogFile, "-w", "-t", "60",
                "-o", options.ToString())
            .RunAsync(cancellationToken).ConfigureAwait(false);
        if (result.Succeeded)
        {
            return true;
        }

        var serverLog = ReadLogSince(logStart);
        if (serverLog.Contains("Address already in use", StringComparison.Ordinal))
        {
            return false;
        }

        throw new EmbeddedPostgresException(
            $"pg_ctl could not start the server in {layout.DataDirectory}:{Environment.NewLine}" +
            $"{result.LastLines()}{Environment.NewLine}{LastLines(serverLog)}{Environment.NewLine}(server log: {layout.LogFile})")
        {
            LogFile = layout.LogFile,
        };
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        // fast: roll back open transactions and disconnect clients rather than wait for idle pools.
        var result = await account.Command(binaries.PgCtl, "stop", "-D", layout.DataDirectory, "-m", "fast", "-w", "-t", "60")
            .RunAsync(cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            throw Failure("pg_ctl stop", result);
        }
    }

    private Task<CommandResult> RunInitDbAsync(
        string superuser, string passwordFile, string locale, CancellationToken cancellationToken) =>
        account.Command(
                binaries.InitDb, "-D", layout.PendingDataDirectory, "-U", superuser, "--auth=scram-sha-256",
                $"--pwfile={passwordFile}", "-E", "UTF8", locale)
            .RunAsync(cancellationToken);

    private EmbeddedPostgresException Failure(string what, CommandResult result) =>
        new($"{what} failed for {layout.DataDirectory} (exit code {result.ExitCode}):{Environment.NewLine}" +
            $"{result.LastLines()}{Environment.NewLine}(server log: {layout.LogFile})")
        {
            LogFile = layout.LogFile,
        };

    private string ReadLogSince(long offset)
    {
        using var stream = new FileStream(layout.LogFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        stream.Seek(Math.Min(offset, stream.Length), SeekOrigin.Begin);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static string LastLines(string text, int count = 15) =>
        string.Join(Environment.NewLine, text.Split('\n', StringSplitOptions.RemoveEmptyEntries).TakeLast(count));

    private static string ShellQuote(string value) => "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
