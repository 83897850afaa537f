namespace AutoDialer.AspNetCore.Bridge;

/// <summary><c>POST /api/agents/{agentId}/bridge-token</c>'s answer, written with <see cref="PageJson"/>:
/// <c>{ token, agentId, providerAccount, provider, expiresAt }</c>.</summary>
internal sealed record BridgeTokenAnswer(string Token, string AgentId, string ProviderAccount, string Provider, DateTimeOffset ExpiresAt);
