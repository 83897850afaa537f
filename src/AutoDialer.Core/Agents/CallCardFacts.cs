using AutoDialer.Core.Callbacks;

namespace AutoDialer.Core.Agents;

/// <summary>What is read about a leased contact for its agent's card, before anything is left out.</summary>
/// <param name="DialString">The number as dialled.</param>
/// <param name="Attributes">Every custom attribute of the contact (the card shows only those the campaign marks visible).</param>
/// <param name="Attempts">The contact's attempts, this one included.</param>
/// <param name="Callback">The callback this attempt dials, if it is one.</param>
/// <param name="CallbackNote">The note of the disposition that asked for the callback.</param>
/// <param name="Earlier">The contact's earlier attempts, oldest first.</param>
internal sealed record CallCardFacts(
    long AttemptId,
    long CampaignId,
    string CampaignName,
    string? ContactName,
    string DialString,
    IReadOnlyDictionary<string, string> Attributes,
    int Attempts,
    ScheduledCallback? Callback,
    string? CallbackNote,
    IReadOnlyList<EarlierAttempt> Earlier);
