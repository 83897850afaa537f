using System.CommandLine;

namespace AutoDialer.Cli;

/// <summary>Options shared by every verb.</summary>
internal static class CliOptions
{
    public static readonly Option<bool> Verbose = new("--verbose")
    {
        Description = "Show diagnostic logs and full stack traces on errors",
        Recursive = true,
    };

    public static readonly Option<bool> Json = new("--json")
    {
        Description = "Print one JSON object as the last line of standard output",
    };
}
