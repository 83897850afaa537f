using AutoDialer.AspNetCore;
using AutoDialer.Core.Agents;
using AutoDialer.Core.Telephony;
using AutoDialer.Simulation.InProcess;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace AutoDialer.Simulation;

/// <summary>The simulated call center as a plug-in of AutoDialer's: never on unless a host asks for it.</summary>
public static class SimulatorServiceCollectionExtensions
{
    /// <summary>
    /// Adds a simulated call-center account (<see cref="SimulatedCallCenter"/>) the dialer dials like any vendor account,
    /// on the container's <see cref="TimeProvider"/>, from <c>AutoDialer:Simulator</c> (<see cref="SimulatorSettings"/>:
    /// account, agents, seed; checked when the host starts), as <c>serve --simulate</c> does. Call it after <c>AddAutoDialer</c>.
    /// </summary>
    /// <exception cref="InvalidOperationException">AddAutoDialer was not called first.</exception>
    public static IServiceCollection AddAutoDialerSimulator(this IServiceCollection services) =>
        services.AddAutoDialerSimulator(options: null);

    /// <summary><see cref="AddAutoDialerSimulator(IServiceCollection)"/> with the whole call model given in code
    /// (<paramref name="options"/>: customers, faults, number sources; <c>demo</c>, benches, tests), or from
    /// configuration when null.</summary>
    internal static IServiceCollection AddAutoDialerSimulator(this IServiceCollection services, SimulatorOptions? options)
    {
        AutoDialerServiceCollectionExtensions.ThrowIfNotConfigured(services, nameof(AddAutoDialerSimulator));
        services.TryAddSingleton(TimeProvider.System);
        if (options is null)
        {
            services.AddOptions<SimulatorSettings>().BindConfiguration(SimulatorSettings.Section).ValidateDataAnnotations().ValidateOnStart();
        }

        // The agents record dispositions through the dialer's desk, found when first needed (the desk and this account are
        // registered side by side; the engine that serves the desk depends on every account).
        services.AddSingleton(sp => new SimulatedCallCenter(options ?? Configured(sp.GetRequiredService<IOptions<SimulatorSettings>>().Value),
            sp.GetRequiredService<TimeProvider>(), () => sp.GetService<IAgentDesk>()));
        services.AddSingleton<ICallCenter>(sp => sp.GetRequiredService<SimulatedCallCenter>());
        return services;
    }

    private static SimulatorOptions Configured(SimulatorSettings settings) =>
        new() { AccountId = settings.AccountId, AgentCount = settings.Agents, Seed = settings.Seed };
}
