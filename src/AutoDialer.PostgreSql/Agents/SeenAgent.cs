namespace AutoDialer.PostgreSql.Agents;

/// <summary>
/// <c>GET /api/agents/seen</c>: an agent the dialer has seen, on the bridge (a workbench page connected for it) or from its
/// vendor (the agent list), and whether a page is connected for it now, on any node.
/// </summary>
internal sealed record SeenAgent(
    string ProviderAccount,
    string AgentId,
    DateTimeOffset? BridgeSeenAt,
    DateTimeOffset? VendorSeenAt,
    bool Connected,
    string? UnavailableReason);
