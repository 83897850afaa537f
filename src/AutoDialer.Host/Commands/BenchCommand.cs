using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using AutoDialer.Host.Bench;
using AutoDialer.PostgreSql.Import;

namespace AutoDialer.Host.Commands;

internal static class BenchCommand
{
    public static Command Create()
    {
        var bench = new Command("bench", "Benchmarks that print their figures beside the anchor's");
        bench.Add(CreateImport());
        return bench;
    }

    private static Command CreateImport()
    {
        var rows = new Option<int>("--rows") { Description = "Rows in the generated list", DefaultValueFactory = _ => 1_000_000 };
        var seed = new Option<int>("--seed") { DefaultValueFactory = _ => 42 };
        var command = new Command("import", "Generate a realistic list, import it, compare with psql \\copy") { rows, seed, CliOptions.Json };
        CliAction.Set(command, async (parse, cancellationToken) =>
        {
            var count = parse.GetValue(rows);
            if (count < 1) throw new ArgumentException("--rows must be at least 1");
            var json = parse.GetValue(CliOptions.Json);
            using var loggers = CliLogging.Create(parse.GetValue(CliOptions.Verbose));
            await using var server = await CliDatabase.OpenAsync(loggers, cancellationToken, migrate: false);
            // A database of its own, dropped afterwards: repeatable figures, and no million bench contacts left behind.
            await using var database = await BenchDatabase.CreateAsync(server.ConnectionString, "import", cancellationToken);

            var directory = Directory.CreateTempSubdirectory("autodialer-bench-");
            try
            {
                var path = Path.Combine(directory.FullName, $"bench-{count}.csv");
                new SampleListGenerator(parse.GetValue(seed)).Write(path, count);
                var megabytes = new FileInfo(path).Length / 1024.0 / 1024.0;
                if (!json) Console.WriteLine($"generated {count:N0} rows ({megabytes:N1} MB) in {path}");

                PeakMemory.Reset();
                var importer = new ContactListImporter(database.DataSource, loggers.CreateLogger<ContactListImporter>());
                var campaign = $"bench-import-{DateTime.UtcNow:yyyyMMddHHmmssfff}";
                var clock = Stopwatch.StartNew();
                var result = await importer.ImportAsync(path, campaign, null, cancellationToken);
                var seconds = clock.Elapsed.TotalSeconds;
                var peak = PeakMemory.PeakMegabytes();

                double? copySeconds = null;
                if (PsqlCopyAnchor.FindPsql() is { } psql)
                {
                    // psql needs to read the file as the server's OS user only for server-side COPY; \copy streams it from here.
                    copySeconds = await PsqlCopyAnchor.MeasureAsync(psql, database.ConnectionString, path, SampleListGenerator.Columns, cancellationToken);
                }
                var ratio = copySeconds is { } c && c > 0 ? seconds / c : (double?)null;

                if (json)
                {
                    Console.WriteLine(JsonSerializer.Serialize(new
                    {
                        work = "import",
                        rows = result.Rows,
                        seconds = Math.Round(seconds, 3),
                        rows_per_s = Math.Round(result.Rows / seconds),
                        copy_seconds = copySeconds is { } cs ? Math.Round(cs, 3) : (double?)null,
                        ratio = ratio is { } r ? Math.Round(r, 2) : (double?)null,
                        peak_rss_mb = Math.Round(peak, 1),
                        accepted = result.Accepted,
                        rejected = result.Rejected,
                        duplicates = result.Duplicates,
                    }));
                }
                else
                {
                    Console.WriteLine($"import:      {result.Rows:N0} rows in {seconds:N2} s = {result.Rows / seconds:N0} rows/s " +
                                      $"(accepted {result.Accepted:N0}, rejected {result.Rejected:N0}, duplicates {result.Duplicates:N0})");
                    Console.WriteLine($"peak RSS:    {peak:N1} MB (target ≤ 300 MB)");
                    Console.WriteLine(copySeconds is { } cs
                        ? $"psql \\copy:  {cs:N2} s into a bare table — ratio {ratio!.Value.ToString("N2", CultureInfo.InvariantCulture)}× (target ≤ 3×)"
                        : "psql \\copy:  psql not on PATH, anchor not measured");
                }
                return 0;
            }
            finally
            {
                directory.Delete(recursive: true);
            }
        });
        return command;
    }
}
