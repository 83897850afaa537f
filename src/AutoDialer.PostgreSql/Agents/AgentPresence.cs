namespace AutoDialer.PostgreSql.Agents;

/// <summary>
/// An agent's workbench page as the cluster sees it (a live row of <c>bridge_sessions</c>, on whichever node):
/// <see cref="UnavailableReason"/> is empty when its events say it can take a call, else why not (busy, on-break, …),
/// and null before its first heartbeat said.
/// </summary>
internal sealed record AgentPresence(string AgentId, string Node, string? UnavailableReason)
{
    public bool CanTakeCall => UnavailableReason == "";
}
