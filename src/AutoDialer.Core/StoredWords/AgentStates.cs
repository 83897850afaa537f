namespace AutoDialer.Core.StoredWords;

/// <summary>
/// The names of <see cref="AgentState"/>, in both directions: Udesk's words as documented for <c>SetAgentStateAsync</c>,
/// which the dialer also uses for the agent board and its API.
/// </summary>
internal static class AgentStates
{
    public const string Idle = "idle";
    public const string Busy = "busy";
    public const string OnBreak = "onBreak";
    public const string Offline = "offline";

    /// <summary>
    /// The agent board's word for <see cref="AgentState.Unknown"/> (no event has told the state yet); never a vendor's
    /// word, so <see cref="ToName"/> does not give it.
    /// </summary>
    public const string Unknown = "unknown";

    /// <summary>Every state that has a name (<see cref="AgentState.Unknown"/> has none), in declaration order.</summary>
    public static IReadOnlyList<AgentState> All { get; } = Array.AsReadOnly(Enum.GetValues<AgentState>().Where(s => s != AgentState.Unknown).ToArray());

    // Spelled out rather than derived from the member names so that renaming a member cannot change a vendor word.
    public static string ToName(this AgentState state) => state switch
    {
        AgentState.Idle => Idle,
        AgentState.Busy => Busy,
        AgentState.OnBreak => OnBreak,
        AgentState.Offline => Offline,
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, "Unknown has no name."),
    };

    /// <summary>Reads a name; anything undocumented is <see cref="AgentState.Unknown"/> rather than an error,
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
