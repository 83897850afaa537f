namespace AutoDialer.Core.Agents;

/// <summary>A callback still to be dialled, as an agent's page and the dashboard list it.</summary>
/// <param name="Number">The number as dialled.</param>
/// <param name="OwnerUntil">Until when only <see cref="OwnerAgentId"/> may take it.</param>
/// <param name="WaitReason">Why the dial gate last refused it (a <c>DialRefusals</c> name), if it did.</param>
/// <param name="State">Where it stands when it was listed (a <see cref="Callbacks.CallbackStates"/> name): scheduled, due (owner only) or overdue (any agent).</param>
internal sealed record CallbackEntry(
    long ContactId,
    long CampaignId,
    string CampaignName,
    string? ContactName,
    string Number,
    DateTimeOffset At,
    string OwnerAgentId,
    DateTimeOffset OwnerUntil,
    string? Note,
    string? WaitReason,
    string State);
