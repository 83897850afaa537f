namespace AutoDialer.AspNetCore.Bridge;

/// <summary>
/// What a bridge token grants: acting and reporting as one agent of one provider account, until it expires, and only while
/// the credential that minted it (<paramref name="IssuedBy"/>, a <see cref="Access.CredentialIds"/> id) exists unchanged
/// and may still act for that agent.
/// </summary>
internal sealed record BridgeToken(string AgentId, string ProviderAccount, DateTimeOffset ExpiresAt, string IssuedBy);
