namespace AutoDialer.PostgreSql.Settlement;

/// <summary>An agent given no next call until <paramref name="Until"/>, or until the disposition of <paramref name="AttemptId"/> is recorded.</summary>
internal sealed record WrapUp(string ProviderAccount, string AgentId, long AttemptId, DateTimeOffset Until);
