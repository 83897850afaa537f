using System.CommandLine;
using AutoDialer.AspNetCore;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AutoDialer.Host.Commands;

internal static class ServeCommand
{
    public static Command Create()
    {
        var urls = new Option<string>("--urls") { Description = "Addresses to listen on", DefaultValueFactory = _ => "http://127.0.0.1:5080" };
        var command = new Command("serve", "Run the service: API, dashboard, bridge endpoint and jobs") { urls };
        CliAction.Set(command, async (parse, cancellationToken) =>
        {
            var verbose = parse.GetValue(CliOptions.Verbose);
            using var loggers = CliLogging.Create(verbose);
            await using var database = await CliDatabase.OpenAsync(loggers, cancellationToken, hostDrainsFirst: true);

            var builder = WebApplication.CreateBuilder();
            builder.WebHost.UseUrls(parse.GetValue(urls)!);
            builder.Configuration[$"{AutoDialerOptions.Section}:ConnectionString"] = database.ConnectionString;
            builder.Services.AddAutoDialer(builder.Configuration);
            builder.Services.AddHealthChecks();
            var app = builder.Build();
            app.MapHealthChecks("/healthz");
            await app.RunAsync(cancellationToken);
            return 0;
        });
        return command;
    }
}
