using AutoDialer.Core.Dispositions;

namespace AutoDialer.Core.Agents;

/// <summary>
/// What an agent's workbench may ask of the dialer about its own calls: to record a disposition, and its upcoming
/// callbacks. The bridge serves it to pages; the simulated call center's agents use it as pages do.
/// </summary>
internal interface IAgentDesk
{
    /// <summary>Records a disposition for one of <paramref name="agentId"/>'s calls (refused for anyone else's).</summary>
    Task<DispositionAnswer> RecordDispositionAsync(string providerAccount, string agentId, DispositionRequest request, CancellationToken cancellationToken);

    /// <summary>The callbacks <paramref name="agentId"/> owns that are still to be dialled, soonest first.</summary>
    Task<IReadOnlyList<CallbackEntry>> CallbacksAsync(string providerAccount, string agentId, CancellationToken cancellationToken);
}
