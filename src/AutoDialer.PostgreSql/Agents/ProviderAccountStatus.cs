namespace AutoDialer.PostgreSql.Agents;

/// <summary>
/// <c>GET /api/provider-accounts</c>: a provider account that a dialling node of the cluster serves now, with its circuit
/// (<c>open</c> when it is open on any node) and how many workbench pages are connected for it, on any node, and how many
/// of those say their agent can take a call.
/// </summary>
internal sealed record ProviderAccountStatus(
    string ProviderAccount,
    string Provider,
    bool Bridge,
    string Circuit,
    string? CircuitReason,
    int Nodes,
    int ConnectedPages,
    int AvailablePages,
    DateTimeOffset SeenAt);
