using AutoDialer.Core.StoredWords;

namespace AutoDialer.Core.Dispositions;

/// <summary>What is stored about the attempt a page wants to dispose of, read with it locked.</summary>
/// <param name="ProviderAccount">The account the attempt was dialled through.</param>
/// <param name="AgentId">The agent it was dialled for.</param>
/// <param name="SettledAt">When its hang-up (or the sweeper) settled it; null while it is live.</param>
internal sealed record DispositionFacts(string ProviderAccount, string AgentId, AttemptStatus Status, DateTimeOffset? SettledAt);
