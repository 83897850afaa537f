using AutoDialer.Core.Dispositions;
using AutoDialer.Core.Preview;

namespace AutoDialer.Core.Agents;

/// <summary>
/// The contact card an agent's page is sent when a call is placed (or offered) for the agent: the campaign, the contact's
/// name, the number as dialled, the attributes the campaign marks visible to agents (nothing else of the contact leaves
/// the server), the attempt's number out of its budget, the earlier attempts' outcomes and dispositions, and the codes
/// the agent may record. Built by <see cref="CallCards.Build"/>.
/// </summary>
/// <param name="AttemptNumber">This attempt's number among the contact's attempts (1 for the first).</param>
/// <param name="AttemptBudget">The attempts the contact may have (a callback's extra attempts included).</param>
/// <param name="CallbackAt">When this is a callback: the time the customer asked for.</param>
internal sealed record CallCard(
    long AttemptId,
    long CampaignId,
    string CampaignName,
    DialingMode Mode,
    string? ContactName,
    string Number,
    IReadOnlyDictionary<string, string> Attributes,
    int AttemptNumber,
    int AttemptBudget,
    IReadOnlyList<EarlierAttempt> Earlier,
    DateTimeOffset? CallbackAt,
    string? CallbackNote,
    IReadOnlyList<DispositionCode> Dispositions);
