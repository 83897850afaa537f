using System.CommandLine;
using AutoDialer.PostgreSql.Embedded;
using AutoDialer.PostgreSql.Import;
using Npgsql;

namespace AutoDialer.Cli;

/// <summary>
/// Runs a verb with the CLI's error contract: a failure exits non-zero with one clear line on stderr,
/// and a stack trace only with --verbose. Ctrl+C cancels the verb (and the embedded server is stopped).
/// </summary>
internal static class CliAction
{
    public static void Set(Command command, Func<ParseResult, CancellationToken, Task<int>> action) =>
        command.SetAction(async (parse, cancellationToken) =>
        {
            var verbose = parse.GetValue(CliOptions.Verbose);
            try
            {
                return await action(parse, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                Console.Error.WriteLine("autodialer: cancelled");
                return 130;
            }
            catch (Exception e) when (IsExpected(e) && !verbose)
            {
                Console.Error.WriteLine($"autodialer: {e.Message}");
                return ExitCodeOf(e);
            }
            catch (Exception e)
            {
                Console.Error.WriteLine(verbose ? $"autodialer: {e}" : $"autodialer: unexpected error: {e.Message} (run with --verbose for details)");
                return ExitCodeOf(e);
            }
        });

    private static bool IsExpected(Exception e) =>
        e is ContactListFormatException or EmbeddedPostgresException or NpgsqlException or KeyNotFoundException
            or FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException or ArgumentException
            or InvalidOperationException;

    private static int ExitCodeOf(Exception e) => e switch
    {
        ContactListFormatException => 3,
        KeyNotFoundException => 4,
        EmbeddedPostgresException or NpgsqlException => 5,
        _ => 1,
    };
}
