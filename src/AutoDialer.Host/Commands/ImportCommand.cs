using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using AutoDialer.Cli;
using AutoDialer.Core.Import;
using AutoDialer.PostgreSql.Embedded;
using AutoDialer.PostgreSql.Import;
using Spectre.Console;

namespace AutoDialer.Host.Commands;

internal static class ImportCommand
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("file") { Description = "The contact list: CSV (UTF-8, UTF-16 or GB18030; , ; TAB or | separated) or an .xlsx workbook (its first sheet)" };
        var campaign = new Option<string>("--campaign") { Description = "Campaign to import into (created if missing)", Required = true };
        var rejects = new Option<FileInfo?>("--rejects") { Description = "Write rejected and duplicate rows with line numbers and reasons to this CSV file" };
        var command = new Command("import", "Import a contact list into a campaign") { file, campaign, rejects, CliOptions.Json };

        CliAction.Set(command, async (parse, cancellationToken) =>
        {
            var verbose = parse.GetValue(CliOptions.Verbose);
            var json = parse.GetValue(CliOptions.Json);
            var path = parse.GetValue(file)!.FullName;
            // Loaded while the database opens (the embedded server's start, the migrations' check), not during the import.
            _ = PhoneNumberMetadata.LoadAsync();
            using var loggers = CliLogging.Create(verbose);
            await using var database = await CliDatabase.OpenAsync(loggers, cancellationToken);
            var importer = new ContactListImporter(database.DataSource, loggers.CreateLogger<ContactListImporter>())
            {
                // A workbook's shared strings are cached on disk while it is read: under AutoDialer's home, as a node does under its data directory.
                FileOptions = new ListFileOptions { XlsxCacheDirectory = Path.Combine(new EmbeddedPostgresOptions().Home, "xlsx-cache") },
            };

            var result = await ImportWithProgressAsync(importer, path, parse.GetValue(campaign)!, cancellationToken);

            if (parse.GetValue(rejects) is { } rejectsFile)
            {
                await using var output = File.Create(rejectsFile.FullName);
                await new ImportRejectsReport(database.DataSource).WriteAsync(result.ListId, output, cancellationToken);
            }

            if (json)
                Console.WriteLine(ToJson(result));
            else
                PrintSummary(result, parse.GetValue(rejects));
            return 0;
        });
        return command;
    }

    /// <summary>Shows a progress bar (percent by bytes, rows/s) when standard output is a terminal.</summary>
    internal static async Task<ImportResult> ImportWithProgressAsync(ContactListImporter importer, string path, string campaign, CancellationToken cancellationToken)
    {
        if (Console.IsOutputRedirected || !AnsiConsole.Profile.Capabilities.Interactive)
            return await importer.ImportAsync(path, campaign, null, cancellationToken);

        ImportResult? result = null;
        await AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask($"importing {Path.GetFileName(path)}", maxValue: 1.0);
                var clock = Stopwatch.StartNew();
                var progress = new SynchronousProgress<ImportProgress>(p =>
                {
                    task.Value = p.Fraction;
                    var rate = p.Rows / Math.Max(clock.Elapsed.TotalSeconds, 0.001);
                    task.Description = $"importing {Path.GetFileName(path)} — {p.Rows:N0} rows, {rate:N0} rows/s";
                });
                result = await importer.ImportAsync(path, campaign, progress, cancellationToken);
                task.Value = 1.0;
            });
        return result!;
    }

    internal static string ToJson(ImportResult result) => JsonSerializer.Serialize(new
    {
        rows = result.Rows,
        accepted = result.Accepted,
        rejected = result.Rejected,
        duplicates = result.Duplicates,
        suppressed = result.Suppressed,
        encoding = result.Encoding,
        delimiter = result.Delimiter,
        format = result.Format == ListFormat.Xlsx ? "xlsx" : "csv",
        campaign_id = result.CampaignId,
        list_id = result.ListId,
        already_imported = result.AlreadyImported,
    });

    private static void PrintSummary(ImportResult result, FileInfo? rejects)
    {
        if (result.AlreadyImported)
            Console.WriteLine($"this file was already imported into the campaign as list {result.ListId}; nothing changed");
        Console.WriteLine(result.Format == ListFormat.Xlsx
            ? $"list {result.ListId}: {result.Rows} rows (xlsx, first sheet)"
            : $"list {result.ListId}: {result.Rows} rows ({result.Encoding}, delimiter {Printable(result.Delimiter)})");
        Console.WriteLine($"  accepted   {result.Accepted}");
        Console.WriteLine($"  rejected   {result.Rejected}");
        Console.WriteLine($"  duplicates {result.Duplicates}");
        Console.WriteLine($"  suppressed {result.Suppressed} (do-not-call)");
        if (rejects is not null)
            Console.WriteLine($"rejects report: {rejects.FullName}");
    }

    private static string Printable(string delimiter) => delimiter == "\t" ? "TAB" : delimiter;
}

/// <summary>Reports on the caller's thread (Progress&lt;T&gt; would post to the thread pool and race the bar).</summary>
internal sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
