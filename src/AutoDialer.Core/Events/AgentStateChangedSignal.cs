using AutoDialer.Core.StoredWords;

namespace AutoDialer.Core.Events;

/// <summary>The agent's state is now <see cref="State"/> (Udesk AgentStateChanged or Ready, Meiqia agentInitStatus).</summary>
/// <param name="SubState">The vendor's sub-state: Udesk <c>CurStateSubId</c>, Meiqia's status code.</param>
/// <param name="OldState">The state before, when the event says.</param>
internal sealed record AgentStateChangedSignal(CallCenterEvent Source, AgentState State, string? SubState, AgentState? OldState)
    : CallSignal(Source)
{
    public override CallSignalKind Kind => CallSignalKind.AgentStateChanged;
}
