namespace AutoDialer.Core.StoredWords;

/// <summary>
/// The stored names of <see cref="CampaignState"/> (<c>campaigns.state</c>, listed by the schema's
/// <c>campaigns_state_check</c>; also the API's word), in both directions. SQL names a state by these constants.
/// </summary>
internal static class CampaignStates
{
    public const string Draft = "draft";
    public const string Running = "running";
    public const string Paused = "paused";
    public const string Completed = "completed";
    public const string Cancelled = "cancelled";

    /// <summary>Every state, in declaration order.</summary>
    public static IReadOnlyList<CampaignState> All { get; } = Array.AsReadOnly(Enum.GetValues<CampaignState>());

    // Spelled out rather than derived from the member names so that renaming a member cannot change stored data.
    public static string ToName(this CampaignState state) => state switch
    {
        CampaignState.Draft => Draft,
        CampaignState.Running => Running,
        CampaignState.Paused => Paused,
        CampaignState.Completed => Completed,
        CampaignState.Cancelled => Cancelled,
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, "Not a defined campaign state."),
    };

    /// <summary>Reads a stored name.</summary>
    /// <exception cref="FormatException">The text is not a campaign state: the row was written by something else.</exception>
    public static CampaignState Parse(string name) => name switch
    {
        Draft => CampaignState.Draft,
        Running => CampaignState.Running,
        Paused => CampaignState.Paused,
        Completed => CampaignState.Completed,
        Cancelled => CampaignState.Cancelled,
        _ => throw new FormatException($"'{name}' is not a campaign state"),
    };
}
