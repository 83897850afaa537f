using AutoDialer.Dialing;
using AutoDialer.PostgreSql;
using AutoDialer.Telephony.Simulation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace AutoDialer.Bench;

/// <summary>
/// The dialing engine's own services (dispatcher, reconciler, stores, engine) over a bench database and a simulator,
/// without the web host or Hangfire: benches time the engine, not the job server's start-up or its sweeps.
/// </summary>
internal static class BenchDialing
{
    public static ServiceProvider Build(NpgsqlDataSource dataSource, SimulatorOptions simulator, DialingOptions dialing, ILoggerFactory loggers)
    {
        var services = new ServiceCollection();
        services.AddSingleton(loggers);
        services.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
        services.AddKeyedSingleton(AutoDialerDataSource.ServiceKey, dataSource);
        services.AddSingleton(Options.Create(dialing));
        // The real clock: idle → make-call latencies are wall-clock milliseconds.
        services.AddSingleton(TimeProvider.System);
        services.AddAutoDialerDialing();
        services.AddAutoDialerSimulator(simulator);
        return services.BuildServiceProvider();
    }
}
