using System.CommandLine;
using AutoDialer.AspNetCore;
using AutoDialer.AspNetCore.Api;
using AutoDialer.Cli;
using AutoDialer.Simulation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AutoDialer.Host.Commands;

/// <summary>
/// The ready-made server: an ASP.NET Core app that is nothing but AutoDialer's plug-in surface mapped at the root —
/// dashboard at /, API under /api, OpenAPI at /openapi/v1.json, health at /healthz, the Hangfire Dashboard at /hangfire. SIGTERM or Ctrl+C stops it within
/// the host's shutdown timeout, also when its database is gone: the host's own setting, <c>shutdownTimeoutSeconds</c>
/// (environment DOTNET_SHUTDOWNTIMEOUTSECONDS; the default is 30).
/// </summary>
internal static class ServeCommand
{
    public const string Name = "serve";

    public static Command Create()
    {
        var urls = new Option<string>("--urls") { Description = "Addresses to listen on", DefaultValueFactory = _ => "http://127.0.0.1:5080" };
        var simulate = new Option<bool>("--simulate")
        {
            Description = "Also dial the built-in simulated call center (account 'simulator', AutoDialer:Simulator), as demo does",
        };
        var command = new Command(Name, "Run the service: API, dashboard, bridge endpoint and jobs") { urls, simulate };
        CliAction.Set(command, async (parse, cancellationToken) =>
        {
            var verbose = parse.GetValue(CliOptions.Verbose);
            using var loggers = CliLogging.Create(verbose);
            await using var database = await CliDatabase.OpenAsync(loggers, cancellationToken, hostDrainsFirst: true);

            var app = Build(database.ConnectionString, parse.GetValue(urls)!, verbose, simulate: parse.GetValue(simulate));
            await app.RunAsync(cancellationToken);
            return 0;
        });
        return command;
    }

    /// <summary>The server app over the database at <paramref name="connectionString"/> (also used by <c>bench dashboard</c>).</summary>
    internal static WebApplication Build(string connectionString, string urls, bool verbose, bool quiet = false, bool simulate = false)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [] });
        builder.WebHost.UseUrls(urls);
        builder.Configuration[$"{AutoDialerOptions.Section}:ConnectionString"] = connectionString;
        builder.Logging.SetMinimumLevel(verbose ? LogLevel.Debug : LogLevel.Information)
            .AddFilter("Microsoft.AspNetCore", verbose ? LogLevel.Information : LogLevel.Warning)
            .AddFilter("Hangfire", verbose ? LogLevel.Information : LogLevel.Warning);
        if (quiet) builder.Logging.ClearProviders(); // a bench keeps stdout for its figures
        builder.AddAutoDialer().AddAutoDialerServer();
        if (simulate) builder.Services.AddAutoDialerSimulator();
        var app = builder.Build();
        app.MapAutoDialer();
        return app;
    }
}
