using AutoDialer.Core.Dispatch;
using AutoDialer.Dialing.Dispatch;
using AutoDialer.Dialing.Settlement;
using AutoDialer.PostgreSql.Dispatch;
using AutoDialer.PostgreSql.Settlement;

namespace AutoDialer.PostgreSql.Tests;

/// <summary>
/// The engine's steps over a store, as the stores' tests drive them: the stores read facts and write plans, the engine
/// decides (<see cref="Dispatcher.LeaseAsync"/>, <see cref="AttemptSettler"/>), so a store is tested through the steps
/// that use it.
/// </summary>
internal static class EngineSteps
{
    /// <summary>One lease as the engine runs it, with the campaign's caps or the installation default.</summary>
    public static Task<IReadOnlyList<DialLease>> LeaseAsync(this DispatchStore store, RunningCampaign campaign, string providerAccount,
        IReadOnlyList<string> agentIds, string node, DateTimeOffset now, CancellationToken cancellationToken) =>
        Dispatcher.LeaseAsync(store, campaign, campaign.Settings.FrequencyCaps ?? FrequencyCaps.Default, providerAccount, agentIds, node, now,
            cancellationToken);

    /// <summary>One settlement as the engine runs it.</summary>
    public static Task<int> SettleAsync(this SettlementStore store, IReadOnlyList<AttemptSettlement> settlements, DateTimeOffset now,
        CancellationToken cancellationToken) =>
        new AttemptSettler(store).SettleAsync(settlements, now, cancellationToken);
}
