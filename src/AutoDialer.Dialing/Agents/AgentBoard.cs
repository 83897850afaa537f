using System.Collections.Concurrent;
using AutoDialer.Core.Agents;
using AutoDialer.Core.StoredWords;

namespace AutoDialer.Dialing.Agents;

/// <summary>What this node knows about each agent right now: its last reported state and the call it is on.</summary>
internal sealed class AgentBoard(TimeProvider timeProvider) : IAgentStates
{
    private readonly ConcurrentDictionary<(string Account, string Agent), AgentLiveState> _agents = new();

    public IReadOnlyList<AgentLiveState> Snapshot() =>
        _agents.Values.OrderBy(a => a.ProviderAccount, StringComparer.Ordinal).ThenBy(a => a.AgentId, StringComparer.Ordinal).ToList();

    public AgentLiveState? Find(string account, string agentId) => _agents.GetValueOrDefault((account, agentId));

    public void StateChanged(string account, string agentId, AgentState state, string? subState, DateTimeOffset at) =>
        _agents.AddOrUpdate((account, agentId),
            _ => new AgentLiveState(account, agentId, state, subState, null, null, at),
            (_, current) => current with
            {
                State = state,
                SubState = subState,
                Since = current.State == state ? current.Since : at,
                // Back to idle means the call is over.
                CurrentAttemptId = state == AgentState.Idle ? null : current.CurrentAttemptId,
                CurrentPhone = state == AgentState.Idle ? null : current.CurrentPhone,
            });

    public void Dialling(string account, string agentId, long attemptId, string phone) =>
        _agents.AddOrUpdate((account, agentId),
            _ => new AgentLiveState(account, agentId, AgentState.Busy, null, attemptId, phone, timeProvider.GetUtcNow()),
            (_, current) => current with { CurrentAttemptId = attemptId, CurrentPhone = phone });
}
