namespace AutoDialer.PostgreSql.Agents;

/// <summary>One agent's calls since the start of a day, from the attempts it was given.</summary>
internal sealed record AgentDay(
    string ProviderAccount,
    string AgentId,
    long Calls,
    long Answered,
    long TalkSeconds,
    DateTime FirstCallAt,
    DateTime LastCallAt);
