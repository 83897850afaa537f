namespace AutoDialer.Core.Campaigns.SetUp;

/// <summary>What the cluster knows about a campaign's set-up now, read by the caller (<see cref="SetUpDiagnosis"/>).</summary>
/// <param name="Settings">The campaign's settings, its schedule carrying its holiday calendar's data.</param>
/// <param name="Account">The provider account as the dialling nodes serve it; null when none does.</param>
/// <param name="Agents">The pages connected for the campaign's agents, on any node (for an account whose agents connect through pages).</param>
/// <param name="Now">The moment of asking.</param>
internal sealed record SetUpFacts(CampaignSettings Settings, AccountFacts? Account, IReadOnlyList<AgentFacts> Agents, DateTimeOffset Now)
{
    /// <summary>The campaign's make-calls of the last <see cref="SetUpDiagnosis.MakeCallWindow"/>; null when not read.</summary>
    public MakeCallFacts? RecentMakeCalls { get; init; }
}

/// <param name="Bridge">Its agents connect through workbench pages; otherwise they are in the dialling process (the simulator).</param>
/// <param name="CircuitOpen">Its make-call circuit is open on some node.</param>
internal sealed record AccountFacts(bool Bridge, bool CircuitOpen, string? CircuitReason);

/// <param name="UnavailableReason">Empty when the page says its agent can take a call; else why not; null when it has not said yet.</param>
internal sealed record AgentFacts(string AgentId, string? UnavailableReason);

/// <param name="Placed">Make-calls the vendor placed (the attempt has a call id).</param>
/// <param name="FailedByCode">Make-calls the vendor refused, by the code it answered with.</param>
internal sealed record MakeCallFacts(int Placed, IReadOnlyDictionary<string, int> FailedByCode);
