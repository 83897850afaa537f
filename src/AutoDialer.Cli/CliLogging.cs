using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AutoDialer.Cli;

/// <summary>Console logs for CLI verbs: warnings only (or <paramref name="quiet"/>'s level), unless --verbose; always on
/// stderr so stdout stays parseable.</summary>
internal static class CliLogging
{
    public static ILoggerFactory Create(bool verbose, LogLevel quiet = LogLevel.Warning) => LoggerFactory.Create(logging => logging
        .SetMinimumLevel(verbose ? LogLevel.Debug : quiet)
        .AddSimpleConsole(o => { o.SingleLine = true; o.TimestampFormat = "HH:mm:ss "; })
        .AddFilter("Npgsql", verbose ? LogLevel.Information : LogLevel.Warning)
        .AddFilter("AutoDialer.PostgreSql", verbose ? LogLevel.Debug : LogLevel.Warning)
        .Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace));
}
