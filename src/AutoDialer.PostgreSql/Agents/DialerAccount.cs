namespace AutoDialer.PostgreSql.Agents;

/// <summary>A provider account as one dialling node serves it now (<see cref="ProviderAccountDirectory.AnnounceAsync"/>).</summary>
/// <param name="Provider">udesk, meiqia, simulator, …</param>
/// <param name="Bridge">Its agents connect through workbench pages (and so appear in <c>bridge_sessions</c>).</param>
/// <param name="CircuitOpen">Its make-call circuit is open on this node: dispatch for it is paused.</param>
internal sealed record DialerAccount(string ProviderAccount, string Provider, bool Bridge, bool CircuitOpen, string? CircuitReason);
