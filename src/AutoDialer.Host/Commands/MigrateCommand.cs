using System.CommandLine;
using AutoDialer.Cli;

namespace AutoDialer.Host.Commands;

internal static class MigrateCommand
{
    public static Command Create()
    {
        var command = new Command("migrate", "Apply the sql/ migrations and exit");
        CliAction.Set(command, async (parse, cancellationToken) =>
        {
            using var loggers = CliLogging.Create(parse.GetValue(CliOptions.Verbose));
            await using var database = await CliDatabase.OpenAsync(loggers, cancellationToken, migrate: false);
            var applied = await database.MigrateAsync(cancellationToken);
            Console.WriteLine(applied.Count == 0
                ? "schema is up to date"
                : $"applied {applied.Count} migration(s): {string.Join(", ", applied)}");
            return 0;
        });
        return command;
    }
}
