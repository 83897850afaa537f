using AutoDialer.Dialing;
using AutoDialer.Core.Telephony;
using AutoDialer.PostgreSql.Campaigns;
using AutoDialer.PostgreSql.Dialing;
using AutoDialer.Telephony.Simulation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AutoDialer.Dialing;

public static class AutoDialerDialingServiceCollectionExtensions
{
    /// <summary>
    /// The dialing engine: dispatcher, reconciler, stale sweeper and nightly batch over every <see cref="ICallCenter"/>
    /// registered in the container. Called by <c>AddAutoDialer</c>; the jobs and sweeps that drive it are registered there.
    /// </summary>
    public static IServiceCollection AddAutoDialerDialing(this IServiceCollection services, DialingOptions dialing)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(Microsoft.Extensions.Options.Options.Create(dialing));
        services.AddSingleton<CampaignSettingsCache>();
        services.AddSingleton<CampaignStore>();
        services.AddSingleton(sp => new DispatchStore(sp.GetRequiredService<Npgsql.NpgsqlDataSource>(), sp.GetRequiredService<CampaignSettingsCache>(),
            dialing.FrequencyCaps.ToCaps()));
        services.AddSingleton<SettlementStore>();
        services.AddSingleton<DialingDiagnosticsStore>();
        services.AddSingleton<DialingDiagnostics>();
        services.AddSingleton<CallEventStore>();
        services.AddSingleton<EventQuarantine>();
        services.AddSingleton<LiveAttempts>();
        services.AddSingleton<NightlyRetryBatch>();
        services.AddSingleton<ProviderResiliences>();
        services.AddSingleton<IProviderHealth>(sp => sp.GetRequiredService<ProviderResiliences>());
        services.AddSingleton<AgentBoard>();
        services.AddSingleton<IAgentStates>(sp => sp.GetRequiredService<AgentBoard>());
        services.AddSingleton<DispatchLatency>();
        services.AddSingleton<RunningCampaigns>();
        services.AddSingleton<Dispatcher>();
        services.AddSingleton<Reconciler>();
        services.AddSingleton<StaleAttemptSweeper>();
        services.AddSingleton<DialingEngine>();
        services.AddHostedService(sp => sp.GetRequiredService<DialingEngine>());
        return services;
    }

    /// <summary>Adds a simulated call-center account (see <see cref="SimulatedCallCenter"/>) driven by the container's TimeProvider.</summary>
    public static IServiceCollection AddAutoDialerSimulator(this IServiceCollection services, SimulatorOptions options)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp => new SimulatedCallCenter(options, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<ICallCenter>(sp => sp.GetRequiredService<SimulatedCallCenter>());
        return services;
    }
}
