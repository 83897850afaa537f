namespace AutoDialer.Core.StoredWords;

/// <summary>
/// The agent states of Udesk's <c>GetAgentStatesAsync</c>/<c>SetAgentStateAsync</c> ("idle", "busy",
/// "onBreak", "offline"); custom break reasons travel as a sub-state next to <see cref="OnBreak"/>.
/// Names are in <see cref="AgentStates"/>.
/// </summary>
internal enum AgentState
{
    Unknown = 0,
    Idle,
    Busy,
    OnBreak,
    Offline,
}
