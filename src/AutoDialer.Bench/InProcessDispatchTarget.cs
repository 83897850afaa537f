using AutoDialer.Dialing;
using AutoDialer.Dialing.Dispatch;
using AutoDialer.Telephony.Simulation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace AutoDialer.Bench;

/// <summary>The engine dialing the in-process simulator: no sockets, latency measured in the engine.</summary>
internal sealed class InProcessDispatchTarget(NpgsqlDataSource dataSource, SimulatorOptions simulator, DialingOptions dialing, ILoggerFactory loggers) : IDispatchTarget
{
    private readonly ServiceProvider _services = BenchDialing.Build(dataSource, simulator, dialing, loggers);

    private DispatchLatency Latency => _services.GetRequiredService<DispatchLatency>();

    public string MeasuredAt => "in the engine";

    public int Count => Latency.Count;

    public long Decisions => Latency.Decisions;

    public double Percentile(double quantile) => Latency.Percentile(quantile);

    public int Reset() => Latency.Reset();

    public long DuplicateDials => _services.GetRequiredService<SimulatedCallCenter>().DuplicateDials;

    public Task StartAsync(CancellationToken cancellationToken) => _services.GetRequiredService<DialingEngine>().StartAsync(cancellationToken);

    public Task StopAsync() => _services.GetRequiredService<DialingEngine>().StopAsync(CancellationToken.None);

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
