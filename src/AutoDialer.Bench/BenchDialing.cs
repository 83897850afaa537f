using AutoDialer.Core.Telephony;
using AutoDialer.Dialing;
using AutoDialer.PostgreSql;
using AutoDialer.Simulation.Calls;
using AutoDialer.Simulation.InProcess;
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
        // The engine alone, without AddAutoDialer: the simulated account registered as AddAutoDialerSimulator would.
        services.AddSingleton(sp => new SimulatedCallCenter(simulator, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<ICallCenter>(sp => sp.GetRequiredService<SimulatedCallCenter>());
        return services.BuildServiceProvider();
    }
}
