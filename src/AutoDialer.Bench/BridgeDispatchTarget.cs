using AutoDialer.AspNetCore;
using AutoDialer.AspNetCore.Bridge;
using AutoDialer.AspNetCore.Jobs;
using System.Diagnostics.Metrics;
using AutoDialer.Dialing;
using AutoDialer.PostgreSql;
using AutoDialer.Simulation.Pages;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace AutoDialer.Bench;

/// <summary>
/// The production path: the engine and the agent bridge in a Kestrel host on 127.0.0.1 (a Udesk bridge account, no
/// no jobs, no dashboard), and one simulated workbench page per agent connected to it over a real loopback WebSocket.
/// Latency is measured at the page: from its phone going idle to the make-call command arriving.
/// </summary>
internal sealed class BridgeDispatchTarget : IDispatchTarget
{
    public const string Account = "udesk-bench";

    private readonly WebApplication _app;
    private readonly EngineMeasurements _engine;
    private readonly SimulationOptions _pages;
    private SimulationRun? _run;

    public BridgeDispatchTarget(NpgsqlDataSource dataSource, SimulationOptions pages, DialingOptions dialing, ILoggerFactory loggers)
    {
        _pages = pages;
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders(); // the bench keeps stdout for its figures
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AutoDialer:ConnectionString"] = dataSource.ConnectionString,
            ["AutoDialer:Bridge:SigningKey"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)),
            ["AutoDialer:Bridge:NodeId"] = "bench",
            ["AutoDialer:Udesk:AccountId"] = Account,
            ["AutoDialer:Udesk:AppId"] = "bench",
            ["AutoDialer:Udesk:AppSecret"] = "bench",
            ["AutoDialer:Udesk:Domain"] = "wss://udesk.invalid/ws",
            ["AutoDialer:Udesk:HttpDomain"] = "https://udesk.invalid/backend",
        });
        builder.Services.AddSingleton(loggers);
        builder.Services.AddKeyedSingleton(AutoDialerDataSource.ServiceKey, dataSource);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddAutoDialer(builder.Configuration);
        // The bench's settings as they are (a closed IOptions<DialingOptions> wins over the bound one).
        builder.Services.AddSingleton(Options.Create(dialing));
        // As the in-process bench: the engine without its jobs and sweeps (benches time the engine, not the sweeps), so
        // AddAutoDialerServer's parts but its Hangfire server.
        builder.Services.AddAutoDialerDialing();
        builder.Services.AddAutoDialerBridge(builder.Configuration);
        _app = builder.Build();
        _app.MapAutoDialerBridge();
        _engine = new EngineMeasurements(_app.Services.GetRequiredService<IMeterFactory>());
    }

    private SimulationCounters Pages => _run?.Counters ?? throw new InvalidOperationException("not started");

    public string MeasuredAt => "at the page";

    public int Count => Pages.IdleToMakeCall.Count;

    public long Decisions => _engine.Decisions;

    public double Percentile(double quantile) => Pages.IdleToMakeCall.Percentile(quantile);

    public int Reset()
    {
        _engine.Reset();
        return Pages.IdleToMakeCall.Reset();
    }

    public long DuplicateDials => Pages.DuplicateDials;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await _app.StartAsync(cancellationToken);
        var address = new Uri(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        _run = new SimulationRun(_pages with { DialerUrls = [address], Account = Account }, TruthLog.None);
        _run.Start();
    }

    public async Task StopAsync()
    {
        if (_run is not null)
        {
            await _run.StopAsync();
        }

        await _app.StopAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_run is not null)
        {
            await _run.DisposeAsync();
        }

        _engine.Dispose();
        await _app.DisposeAsync();
    }
}
