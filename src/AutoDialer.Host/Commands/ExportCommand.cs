using System.CommandLine;
using AutoDialer.Cli;
using AutoDialer.PostgreSql.Reports;

namespace AutoDialer.Host.Commands;

internal static class ExportCommand
{
    public static Command Create()
    {
        var campaign = new Option<string>("--campaign") { Description = "Campaign to export", Required = true };
        var output = new Option<FileInfo>("--out") { Description = "CSV file to write (UTF-8 with BOM, spreadsheet-safe)", Required = true };
        var command = new Command("export", "Export results: one row per contact with its attempts summary") { campaign, output };
        CliAction.Set(command, async (parse, cancellationToken) =>
        {
            using var loggers = CliLogging.Create(parse.GetValue(CliOptions.Verbose));
            await using var database = await CliDatabase.OpenAsync(loggers, cancellationToken);
            var path = parse.GetValue(output)!.FullName;
            var temporary = path + ".partial";
            int rows;
            try
            {
                await using (var stream = File.Create(temporary))
                    rows = await new ContactExporter(database.DataSource).WriteAsync(parse.GetValue(campaign)!, stream, cancellationToken);
                File.Move(temporary, path, overwrite: true);
            }
            catch
            {
                // An export that failed (unknown campaign, lost connection, Ctrl+C) leaves no half-written file.
                File.Delete(temporary);
                throw;
            }
            Console.WriteLine($"exported {rows} contacts to {path}");
            return 0;
        });
        return command;
    }
}
