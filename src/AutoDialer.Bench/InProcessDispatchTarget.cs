using System.Diagnostics.Metrics;
using AutoDialer.Dialing;
using AutoDialer.Simulation.InProcess;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace AutoDialer.Bench;

/// <summary>The engine dialing the in-process simulator: no sockets, latency measured in the engine (its metrics, heard here).</summary>
internal sealed class InProcessDispatchTarget : IDispatchTarget
{
    private readonly ServiceProvider _services;
    private readonly EngineMeasurements _measurements;

    public InProcessDispatchTarget(NpgsqlDataSource dataSource, SimulatorOptions simulator, DialingOptions dialing, ILoggerFactory loggers)
    {
        _services = BenchDialing.Build(dataSource, simulator, dialing, loggers);
        _measurements = new EngineMeasurements(_services.GetRequiredService<IMeterFactory>());
    }

    public string MeasuredAt => "in the engine";

    public int Count => _measurements.Count;

    public long Decisions => _measurements.Decisions;

    public double Percentile(double quantile) => _measurements.Percentile(quantile);

    public int Reset() => _measurements.Reset();

    public long DuplicateDials => _services.GetRequiredService<SimulatedCallCenter>().DuplicateDials;

    public Task StartAsync(CancellationToken cancellationToken) => _services.GetRequiredService<DialingEngine>().StartAsync(cancellationToken);

    public Task StopAsync() => _services.GetRequiredService<DialingEngine>().StopAsync(CancellationToken.None);

    public ValueTask DisposeAsync()
    {
        _measurements.Dispose();
        return _services.DisposeAsync();
    }
}
