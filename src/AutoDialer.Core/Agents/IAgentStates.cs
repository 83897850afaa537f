using AutoDialer.Core.StoredWords;

namespace AutoDialer.Core.Agents;

/// <summary>What the dialer knows right now about each agent it can dial for, for boards and health.</summary>
internal interface IAgentStates
{
    IReadOnlyList<AgentLiveState> Snapshot();
}

/// <param name="CurrentAttemptId">The attempt (business id) the agent is on, if any.</param>
/// <param name="Since">When the agent entered <paramref name="State"/>.</param>
internal sealed record AgentLiveState(
    string ProviderAccount,
    string AgentId,
    AgentState State,
    string? SubState,
    long? CurrentAttemptId,
    string? CurrentPhone,
    DateTimeOffset Since);
