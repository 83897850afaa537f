namespace AutoDialer.AspNetCore.Bridge;

/// <summary>What a bridge token grants: acting and reporting as one agent of one provider account, until it expires.</summary>
public sealed record BridgeToken(string AgentId, string ProviderAccount, DateTimeOffset ExpiresAt);
