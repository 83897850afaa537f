using AutoDialer.Core.StoredWords;

namespace AutoDialer.Chaos.Judging;

/// <summary>
/// <c>dialled_after_answered</c>: a contact whose call the call center says was answered is not dialled again by its
/// campaign when answered is a final outcome there, unless a disposition the dialer accepted for that call dialled it
/// again (a retry, a callback, a wrong number). An answered call taken for unknown (its hang-up late or lost, its
/// Established not stored) would be.
/// </summary>
internal static class AnsweredThenDialledRule
{
    /// <param name="placed">Calls the call center placed, in the order they reached it, each with its contact (campaign and
    /// id) when the dialer has an attempt for it.</param>
    public static long Count(IReadOnlyList<(TruthDial Call, (long CampaignId, long ContactId)? Contact)> placed, IReadOnlyDictionary<string, TruthEnd> ends,
        IReadOnlyList<TruthDisposition> dispositions, IReadOnlyDictionary<long, JudgedCampaign> campaigns, Action<string> example)
    {
        ArgumentNullException.ThrowIfNull(placed);
        ArgumentNullException.ThrowIfNull(ends);
        ArgumentNullException.ThrowIfNull(dispositions);
        ArgumentNullException.ThrowIfNull(campaigns);
        ArgumentNullException.ThrowIfNull(example);
        var acceptedCodes = dispositions.Where(d => d.Own && d.Accepted).ToLookup(d => d.BusinessId, d => d.Code, StringComparer.Ordinal);
        long dialled = 0;
        foreach (var contact in placed.Where(p => p.Contact is not null).GroupBy(p => p.Contact!.Value))
        {
            if (!campaigns.TryGetValue(contact.Key.CampaignId, out var campaign) || !campaign.AnsweredIsFinal) continue;
            TruthDial? answered = null;
            foreach (var (call, _) in contact.OrderBy(p => p.Call.At))
            {
                if (answered is not null)
                {
                    dialled++;
                    example($"dialled_after_answered: contact {contact.Key.ContactId} (campaign {contact.Key.CampaignId}): call {call.BusinessId} at {call.At:O} after call {answered.BusinessId}, answered at the call center, ended it");
                    continue;
                }

                var wasAnswered = ends.TryGetValue(call.BusinessId, out var end) && end.Outcome == CallOutcomes.Answered;
                if (wasAnswered && !acceptedCodes[call.BusinessId].Any(campaign.ReopeningCodes.Contains))
                    answered = call;
            }
        }

        return dialled;
    }
}
