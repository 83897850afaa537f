namespace AutoDialer.Core.Agents;

/// <summary>
/// Whether an agent's session can take a call now, from what its vendor said last (SDK events, the vendor's agent
/// list), and if not, why (<see cref="AgentUnavailableReasons"/>). Dispatch leases nothing for an agent that cannot.
/// </summary>
internal sealed record AgentAvailability(bool CanTakeCall, string Reason)
{
    public static AgentAvailability Available { get; } = new(true, AgentUnavailableReasons.None);

    public static AgentAvailability Unavailable(string reason) => new(false, reason);
}
