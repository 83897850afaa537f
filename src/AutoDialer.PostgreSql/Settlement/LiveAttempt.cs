using AutoDialer.Core.StoredWords;

namespace AutoDialer.PostgreSql.Settlement;

/// <summary>An attempt that has no outcome yet, as the stale-attempt sweeper sees it.</summary>
internal sealed record LiveAttempt(long Id, string ProviderAccount, string AgentId, AttemptStatus Status, string? CallId, DateTimeOffset CreatedAt);
