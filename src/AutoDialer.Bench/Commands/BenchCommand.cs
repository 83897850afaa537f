using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using AutoDialer.Cli;
using AutoDialer.Core.Campaigns;
using AutoDialer.Core.Import;
using AutoDialer.PostgreSql.Campaigns;
using AutoDialer.PostgreSql.Import;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AutoDialer.Bench.Commands;

internal static class BenchCommand
{
    /// <param name="buildServer">The executable's ready-made server over a connection string, listening at the given
    /// address, logging nothing (<c>bench dashboard</c> times it).</param>
    public static Command Create(Func<string, string, WebApplication> buildServer)
    {
        var bench = new Command("bench", "Benchmarks that print their figures beside the anchor's");
        bench.Add(CreateImport());
        bench.Add(CreateDashboard(buildServer));
        bench.Add(BenchDispatchCommand.Create());
        bench.Add(BenchReconcileCommand.Create());
        bench.Add(BenchNightlyCommand.Create());
        return bench;
    }

    private static Command CreateImport()
    {
        var rows = new Option<int>("--rows") { Description = "Rows in the generated list", DefaultValueFactory = _ => 1_000_000 };
        var seed = new Option<int>("--seed") { DefaultValueFactory = _ => 42 };
        var format = new Option<string>("--format") { Description = "csv, or xlsx (the same records as a workbook written with MiniExcel's streaming writer)", DefaultValueFactory = _ => "csv" };
        format.AcceptOnlyFromAmong("csv", "xlsx");
        var command = new Command("import", "Generate a realistic list, import it, compare with psql \\copy") { rows, seed, format, CliOptions.Json };
        CliAction.Set(command, async (parse, cancellationToken) =>
        {
            var count = parse.GetValue(rows);
            if (count < 1) throw new ArgumentException("--rows must be at least 1");
            var json = parse.GetValue(CliOptions.Json);
            // As `import` does: the number metadata loads (once a process) while the database opens, outside the import's
            // figures; its own time is reported beside them.
            var metadataClock = Stopwatch.StartNew();
            var metadataLoaded = PhoneNumberMetadata.LoadAsync().ContinueWith(_ => metadataClock.Elapsed, TaskScheduler.Default);
            using var loggers = CliLogging.Create(parse.GetValue(CliOptions.Verbose));
            await using var server = await CliDatabase.OpenAsync(loggers, cancellationToken, migrate: false);
            // A database of its own, dropped afterwards: repeatable figures, and no million bench contacts left behind.
            await using var database = await BenchDatabase.CreateAsync(server.ConnectionString, "import", cancellationToken);

            var directory = Directory.CreateTempSubdirectory("autodialer-bench-");
            try
            {
                var xlsx = parse.GetValue(format) == "xlsx";
                var path = Path.Combine(directory.FullName, $"bench-{count}.{(xlsx ? "xlsx" : "csv")}");
                var generated = Stopwatch.StartNew();
                var generator = new SampleListGenerator(parse.GetValue(seed));
                if (xlsx)
                    BenchWorkbook.Write(path, generator, count);
                else
                    generator.Write(path, count);
                var megabytes = new FileInfo(path).Length / 1024.0 / 1024.0;
                if (!json) Console.WriteLine($"generated {count:N0} rows ({megabytes:N1} MB) in {path} in {generated.Elapsed.TotalSeconds:N1} s");

                var metadataSeconds = (await metadataLoaded).TotalSeconds;
                PeakMemory.Reset();
                var importer = new ContactListImporter(database.DataSource, loggers.CreateLogger<ContactListImporter>())
                {
                    FileOptions = new ListFileOptions { XlsxCacheDirectory = directory.FullName },
                };
                var campaign = $"bench-import-{DateTime.UtcNow:yyyyMMddHHmmssfff}";
                var loadBefore = LoadAverage();
                var cpu = CpuTime.Now();
                var clock = Stopwatch.StartNew();
                var result = await importer.ImportAsync(path, campaign, null, cancellationToken);
                var seconds = clock.Elapsed.TotalSeconds;
                var used = CpuTime.Now() - cpu;
                var peak = PeakMemory.PeakMegabytes();

                double? copySeconds = null;
                // The anchor is a CSV: psql has no workbook reader.
                if (!xlsx && PsqlCopyAnchor.FindPsql() is { } psql)
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
                        format = xlsx ? "xlsx" : "csv",
                        file_mb = Math.Round(megabytes, 1),
                        rows = result.Rows,
                        seconds = Math.Round(seconds, 3),
                        cpu_seconds = Math.Round(used.Process.TotalSeconds, 2),
                        machine_cpu_seconds = Math.Round(used.Machine.TotalSeconds, 2),
                        load_average = loadBefore,
                        rows_per_s = Math.Round(result.Rows / seconds),
                        copy_seconds = copySeconds is { } cs ? Math.Round(cs, 3) : (double?)null,
                        ratio = ratio is { } r ? Math.Round(r, 2) : (double?)null,
                        peak_rss_mb = Math.Round(peak, 1),
                        metadata_load_seconds = Math.Round(metadataSeconds, 3),
                        accepted = result.Accepted,
                        rejected = result.Rejected,
                        duplicates = result.Duplicates,
                    }));
                }
                else
                {
                    Console.WriteLine($"import:      {result.Rows:N0} rows ({(xlsx ? "xlsx" : "csv")}) in {seconds:N2} s = {result.Rows / seconds:N0} rows/s " +
                                      $"(accepted {result.Accepted:N0}, rejected {result.Rejected:N0}, duplicates {result.Duplicates:N0})");
                    Console.WriteLine($"cpu:         {used.Process.TotalSeconds:N2} s in this process, {used.Machine.TotalSeconds:N2} s on the machine (PostgreSQL included); " +
                                      $"load average before: {loadBefore}");
                    Console.WriteLine($"peak RSS:    {peak:N1} MB (target ≤ 300 MB)");
                    Console.WriteLine($"metadata:    loaded in {metadataSeconds:N2} s while the database opened, before the import (once a process, as `import` and a node do)");
                    Console.WriteLine(copySeconds is { } cs
                        ? $"psql \\copy:  {cs:N2} s into a bare table — ratio {ratio!.Value.ToString("N2", CultureInfo.InvariantCulture)}× (target ≤ 3×)"
                        : xlsx ? "psql \\copy:  not measured for a workbook (run --format csv for the anchor)" : "psql \\copy:  psql not on PATH, anchor not measured");
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

    /// <summary>The 1-minute load average (Linux), for reading wall-clock figures on a shared machine.</summary>
    private static string LoadAverage()
    {
        try
        {
            return File.ReadAllText("/proc/loadavg").Split(' ')[0];
        }
        catch (IOException)
        {
            return "unknown";
        }
    }

    private static Command CreateDashboard(Func<string, string, WebApplication> buildServer)
    {
        var contacts = new Option<long>("--contacts") { Description = "Contacts in the bench campaign", DefaultValueFactory = _ => 10_000_000 };
        var requests = new Option<int>("--requests") { Description = "Timed requests per endpoint", DefaultValueFactory = _ => 2_000 };
        var command = new Command("dashboard", "Load a large campaign, then time the progress, campaigns and diagnostics endpoints over HTTP (p50/p95)") { contacts, requests, CliOptions.Json };
        CliAction.Set(command, async (parse, cancellationToken) =>
        {
            var count = parse.GetValue(contacts);
            var timed = parse.GetValue(requests);
            if (count < 1) throw new ArgumentException("--contacts must be at least 1");
            if (timed < 20) throw new ArgumentException("--requests must be at least 20");
            var json = parse.GetValue(CliOptions.Json);
            using var loggers = CliLogging.Create(parse.GetValue(CliOptions.Verbose));
            await using var server = await CliDatabase.OpenAsync(loggers, cancellationToken, migrate: false);
            await using var database = await BenchDatabase.CreateAsync(server.ConnectionString, "dashboard", cancellationToken);

            var campaign = await new CampaignStore(database.DataSource).CreateAsync("bench-dashboard", CampaignSettings.Default("Asia/Shanghai"), cancellationToken: cancellationToken);
            await new CampaignStore(database.DataSource).TransitionAsync(campaign.Id, CampaignCommand.Start, cancellationToken: cancellationToken);
            var load = Stopwatch.StartNew();
            var attempts = await DashboardSeed.LoadAsync(database.DataSource, campaign.Id, count, json ? null : Console.WriteLine, cancellationToken);
            var loadSeconds = load.Elapsed.TotalSeconds;

            await using var app = buildServer(database.ConnectionString, "http://127.0.0.1:0");
            await app.StartAsync(cancellationToken);
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            using var http = new HttpClient { BaseAddress = new Uri(address) };

            var progress = await TimeAsync(http, $"/api/campaigns/{campaign.Id}/progress", timed, cancellationToken);
            var list = await TimeAsync(http, "/api/campaigns", Math.Max(20, timed / 4), cancellationToken);
            // The first request counts the campaign (no counts stored yet); later ones read the stored counts while
            // a recount runs in the background every DiagnosticsRefresh.
            var recount = Stopwatch.StartNew();
            (await http.GetAsync($"/api/campaigns/{campaign.Id}/diagnostics", cancellationToken)).EnsureSuccessStatusCode();
            var recountSeconds = recount.Elapsed.TotalSeconds;
            var diagnostics = await TimeAsync(http, $"/api/campaigns/{campaign.Id}/diagnostics", timed, cancellationToken);
            await app.StopAsync(cancellationToken);

            if (json)
            {
                Console.WriteLine(JsonSerializer.Serialize(new
                {
                    work = "dashboard",
                    contacts = count,
                    attempts,
                    load_seconds = Math.Round(loadSeconds, 1),
                    requests = progress.Count,
                    p50_ms = Math.Round(progress.Percentile(50), 2),
                    p95_ms = Math.Round(progress.Percentile(95), 2),
                    p99_ms = Math.Round(progress.Percentile(99), 2),
                    list_p95_ms = Math.Round(list.Percentile(95), 2),
                    diagnostics_count_seconds = Math.Round(recountSeconds, 1),
                    diagnostics_p50_ms = Math.Round(diagnostics.Percentile(50), 2),
                    diagnostics_p95_ms = Math.Round(diagnostics.Percentile(95), 2),
                }));
            }
            else
            {
                Console.WriteLine($"loaded:      {count:N0} contacts and {attempts:N0} attempts in {loadSeconds:N1} s");
                Console.WriteLine($"progress:    {progress.Count:N0} requests, p50 {progress.Percentile(50):N2} ms, p95 {progress.Percentile(95):N2} ms, " +
                                  $"p99 {progress.Percentile(99):N2} ms (target p95 ≤ 50 ms)");
                Console.WriteLine($"campaigns:   {list.Count:N0} requests, p50 {list.Percentile(50):N2} ms, p95 {list.Percentile(95):N2} ms");
                Console.WriteLine($"diagnostics: first count {recountSeconds:N1} s; {diagnostics.Count:N0} requests, p50 {diagnostics.Percentile(50):N2} ms, " +
                                  $"p95 {diagnostics.Percentile(95):N2} ms (target p95 ≤ 50 ms)");
            }
            return 0;
        });
        return command;
    }

    /// <summary>Sequential requests over one keep-alive connection, after a warm-up, each timed end to end.</summary>
    private static async Task<LatencySample> TimeAsync(HttpClient http, string path, int count, CancellationToken cancellationToken)
    {
        for (var i = 0; i < 50; i++)
            (await http.GetAsync(path, cancellationToken)).EnsureSuccessStatusCode();
        var sample = new LatencySample();
        for (var i = 0; i < count; i++)
        {
            var clock = Stopwatch.StartNew();
            using var response = await http.GetAsync(path, cancellationToken);
            await response.Content.ReadAsByteArrayAsync(cancellationToken);
            sample.Add(clock.Elapsed);
            response.EnsureSuccessStatusCode();
        }
        return sample;
    }
}
