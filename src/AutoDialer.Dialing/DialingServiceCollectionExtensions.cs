using AutoDialer.Core;
using AutoDialer.Core.Agents;
using AutoDialer.Core.Campaigns.Holidays;
using AutoDialer.Core.Telephony;
using AutoDialer.Dialing.Agents;
using AutoDialer.Dialing.Campaigns;
using AutoDialer.Dialing.Dispatch;
using AutoDialer.Dialing.Events;
using AutoDialer.Dialing.Settlement;
using AutoDialer.Dialing.Telephony;
using AutoDialer.PostgreSql;
using AutoDialer.PostgreSql.Callbacks;
using AutoDialer.PostgreSql.Agents;
using AutoDialer.PostgreSql.Campaigns;
using AutoDialer.PostgreSql.Dispatch;
using AutoDialer.PostgreSql.Events;
using AutoDialer.PostgreSql.Nightly;
using AutoDialer.PostgreSql.Settlement;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace AutoDialer.Dialing;

internal static class DialingServiceCollectionExtensions
{
    /// <summary>
    /// The dialing engine: dispatcher, reconciler and stale sweeper over every <see cref="ICallCenter"/> registered in
    /// the container, on AutoDialer's own data source (keyed <see cref="AutoDialerDataSource.ServiceKey"/>). Needs
    /// <see cref="DialingOptions"/> bound (<c>AddAutoDialer</c> binds it); called by <c>AddAutoDialerServer</c>, which also
    /// registers the jobs and sweeps that drive it.
    /// </summary>
    public static IServiceCollection AddAutoDialerDialing(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<CampaignSettingsCache>();
        services.AddDialingDiagnostics();
        services.AddWithAutoDialerDataSource<SettlementStore>();
        services.TryAddSingleton<AttemptSettler>();
        services.AddWithAutoDialerDataSource<CallEventStore>();
        services.AddWithAutoDialerDataSource<EventQuarantine>();
        services.AddWithAutoDialerDataSource<LiveAttempts>();
        services.AddWithAutoDialerDataSource<CallCardStore>();
        services.AddWithAutoDialerDataSource<PreviewOffers>();
        services.AddWithAutoDialerDataSource<NeverSentLeases>();
        services.AddWithAutoDialerDataSource<NightlyRetryBatch>();
        services.TryAddSingleton<ProviderResiliences>();
        services.TryAddSingleton<IProviderHealth>(sp => sp.GetRequiredService<ProviderResiliences>());
        services.TryAddSingleton<IAgentStates>(sp => sp.GetRequiredService<AgentBoard>());
        services.AddMetrics();
        services.TryAddSingleton<AutoDialerTelemetry>();
        services.TryAddSingleton<RunningCampaigns>();
        services.TryAddSingleton<DialsInFlight>();
        services.TryAddSingleton<Dispatcher>();
        services.TryAddSingleton<Reconciler>();
        services.TryAddSingleton<StaleAttemptSweeper>();
        services.TryAddSingleton<AgentDesk>();
        services.TryAddSingleton<IAgentDesk>(sp => sp.GetRequiredService<AgentDesk>());
        services.AddWithAutoDialerDataSource<DialingEngine>();
        services.AddHostedService(sp => sp.GetRequiredService<DialingEngine>());
        services.TryAddSingleton<ProviderAccountHeartbeat>();
        services.AddHostedService(sp => sp.GetRequiredService<ProviderAccountHeartbeat>());
        return services;
    }

    /// <summary>
    /// "Why isn't it dialling?" (<see cref="DialingDiagnostics"/>), a read the API serves on every node, dialling or not,
    /// and the stores it reads. On a node that does not dial, this node's <see cref="AgentBoard"/> stays empty.
    /// </summary>
    public static IServiceCollection AddDialingDiagnostics(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(HolidayCalendars.Shipped);
        services.TryAddSingleton<CampaignSettingsCache>();
        services.AddWithAutoDialerDataSource<CampaignStore>();
        services.AddWithAutoDialerDataSource<DispatchStore>();
        services.TryAddSingleton<FrequencyCapsInForce>();
        services.AddWithAutoDialerDataSource<DialingDiagnosticsStore>();
        services.AddWithAutoDialerDataSource<CallbackBoard>();
        services.AddWithAutoDialerDataSource<ProviderAccountDirectory>();
        services.AddWithAutoDialerDataSource<SeenAgents>();
        services.TryAddSingleton<AgentBoard>();
        services.TryAddSingleton<DialingDiagnostics>();
        return services;
    }
}
