using AutoDialer.Core.Campaigns.SetUp;

namespace AutoDialer.Dialing.Campaigns;

/// <summary>
/// <c>GET /api/campaigns/{id}/diagnostics</c>: how many of the campaign's contacts cannot be dialled now
/// (<see cref="Blocked"/>), by reason (<see cref="Reasons"/>: campaign_not_running, do_not_call, budget_exhausted,
/// daily_cap, blackout, holiday, outside_window, frequency_cap, waiting_for_retry, no_agent_idle), counted at
/// <see cref="ComputedAt"/>; <see cref="Ready"/> could be dialled now; <see cref="IdleAgents"/> of the campaign's agents
/// can take a call (their pages say so, on any node); <see cref="Refusals"/> is how often the dial gate refused a contact
/// so far, by stage (<c>lease</c>, <c>dial</c>: just before make-call) and reason; <see cref="Faults"/> are what holds the
/// whole campaign back now, each with the settings section that fixes it (<see cref="SetUpFaultCodes"/>).
/// </summary>
internal sealed record DialingDiagnosticsView(
    long CampaignId,
    string CampaignState,
    DateTimeOffset ComputedAt,
    double AgeSeconds,
    long Blocked,
    long Ready,
    int IdleAgents,
    IReadOnlyDictionary<string, long> Reasons,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, long>> Refusals,
    IReadOnlyList<SetUpFault> Faults);
