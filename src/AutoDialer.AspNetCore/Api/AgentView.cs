namespace AutoDialer.AspNetCore.Api;

/// <summary>
/// One agent on the board. <see cref="State"/> is live from the dialing engine ("unknown" when no engine runs here);
/// the day's figures come from the attempts. <see cref="Utilisation"/> is talk time over the time since the agent's
/// first call of the day; <see cref="DispositionsToday"/> counts the day's calls by the disposition the agent recorded.
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
    double? Utilisation,
    IReadOnlyDictionary<string, long> DispositionsToday);
