namespace AutoDialer.PostgreSql.Events;

/// <summary>An agent's attempt and the number it dials, for correlating an event that names neither call nor business id.</summary>
internal sealed record AgentAttempt(long AttemptId, string AgentId, string DialString);
