using AutoDialer.Core.Campaigns;

namespace AutoDialer.Core.Agents;

/// <summary>Makes an agent's <see cref="CallCard"/> from what was read and the campaign's settings: a pure function.</summary>
internal static class CallCards
{
    /// <summary>
    /// The card: only the attributes named in <see cref="CampaignSettings.AgentVisibleAttributes"/>, in that order (an
    /// attribute the contact does not have is left out); the budget is the campaign's current one, plus a callback's
    /// extra attempts when this attempt dials a callback.
    /// </summary>
    public static CallCard Build(CallCardFacts facts, CampaignSettings settings)
    {
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(settings);
        var visible = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var key in settings.AgentVisibleAttributes)
        {
            if (facts.Attributes.TryGetValue(key, out var value))
                visible[key] = value;
        }

        var budget = settings.Retry.MaxAttempts + (facts.Callback is null ? 0 : settings.Callbacks.ExtraAttempts);
        return new CallCard(facts.AttemptId, facts.CampaignId, facts.CampaignName, settings.DialingMode, facts.ContactName, facts.DialString, visible,
            Math.Max(facts.Attempts, 1), budget, facts.Earlier, facts.Callback?.At, facts.CallbackNote, settings.Dispositions.Codes);
    }
}
