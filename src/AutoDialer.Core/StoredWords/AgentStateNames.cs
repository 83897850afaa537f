namespace AutoDialer.Core.StoredWords;

/// <summary>Udesk's wire names of <see cref="AgentState"/>, as documented for <c>SetAgentStateAsync</c>.</summary>
public static class AgentStateNames
{
    public const string Idle = "idle";
    public const string Busy = "busy";
    public const string OnBreak = "onBreak";
    public const string Offline = "offline";

    public static string ToName(AgentState state) => state switch
    {
        AgentState.Idle => Idle,
        AgentState.Busy => Busy,
        AgentState.OnBreak => OnBreak,
        AgentState.Offline => Offline,
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, "Unknown has no wire name."),
    };

    /// <summary>Reads a wire name; anything undocumented is <see cref="AgentState.Unknown"/> rather than an error,
    /// because events come from a remote page we do not control.</summary>
    public static AgentState Parse(string? name) => name switch
    {
        Idle => AgentState.Idle,
        Busy => AgentState.Busy,
        OnBreak => AgentState.OnBreak,
        Offline => AgentState.Offline,
        _ => AgentState.Unknown,
    };
}
