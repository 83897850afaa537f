namespace AutoDialer.AspNetCore.Api;

/// <summary>
/// One agent on the board. <see cref="State"/> is live from the dialing engine ("unknown" when no engine runs here);
/// the day's figures come from the attempts. <see cref="Utilisation"/> is talk time over the time since the agent's
/// first call of the day.
/// </summary>
internal sealed record AgentView(
    string ProviderAccount,
    string AgentId,
    string State,
    string? SubState,
    DateTimeOffset? StateSince,
    long? CurrentAttemptId,
    string? CurrentPhone,
    IReadOnlyList<string> Campaigns,
    long CallsToday,
    long AnsweredToday,
    long TalkSecondsToday,
    double? Utilisation);
