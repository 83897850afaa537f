using System.Diagnostics;
using Npgsql;

namespace AutoDialer.Bench;

/// <summary>
/// The import benchmark's anchor: <c>psql \copy</c> of the same file into a bare table of text columns on the
/// same server — the floor for getting these bytes into PostgreSQL at all.
/// </summary>
internal static class PsqlCopyAnchor
{
    public static string? FindPsql() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, "psql")).FirstOrDefault(File.Exists);

    public static async Task<double> MeasureAsync(string psql, string connectionString, string csvPath, int columns, CancellationToken cancellationToken)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        var table = "bench_copy_anchor";
        var columnList = string.Join(", ", Enumerable.Range(1, columns).Select(i => $"c{i} text"));
        await RunAsync(psql, builder, $"drop table if exists {table}; create table {table} ({columnList});", cancellationToken);
        var clock = Stopwatch.StartNew();
        await RunAsync(psql, builder, $"\\copy {table} from '{csvPath.Replace("'", "''")}' with (format csv, header true)", cancellationToken);
        var seconds = clock.Elapsed.TotalSeconds;
        await RunAsync(psql, builder, $"drop table {table};", cancellationToken);
        return seconds;
    }

    private static async Task RunAsync(string psql, NpgsqlConnectionStringBuilder builder, string command, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(psql) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in new[] { "-X", "-q", "-v", "ON_ERROR_STOP=1", "-c", command })
            start.ArgumentList.Add(argument);
        start.Environment["PGHOST"] = builder.Host;
        start.Environment["PGPORT"] = builder.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["PGUSER"] = builder.Username;
        start.Environment["PGPASSWORD"] = builder.Password;
        start.Environment["PGDATABASE"] = builder.Database;
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.StandardOutput.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"psql failed: {(await stderr).Trim()}");
    }
}
