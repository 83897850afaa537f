using AutoDialer.Core.StoredWords;

namespace AutoDialer.Core.Dispatch;

/// <summary>
/// Decides one lease from what it read: each due contact in turn, for as long as free agents are left, is skipped
/// when another lease is dialling its callee right now, put through the <see cref="DialGate"/>, and refused when every
/// caller number has reached the per-caller-number cap for it; otherwise it is leased to the next agent with the next
/// attempt id and a caller number chosen by the campaign's rotation. A callback still within its owner's grace goes to
/// its owner or to nobody (it stays due); after the grace it goes to the next agent like any contact; either way it
/// passes the gate with the campaign's extra attempts for callbacks. A refused contact moves where its reason says
/// (<see cref="ContactMove.Refusing"/>). A pure function: the engine reads the facts and writes the plan, in one
/// transaction, and asks again with one more page while <see cref="LeasePlan.NextPage"/> says so.
/// </summary>
internal static class LeasePlanner
{
    /// <summary>How many pages of due contacts one lease looks through when some are refused by the gate.</summary>
    public const int MaxCandidatePages = 4;

    /// <param name="facts">What the lease read and locked first, and what it decides by.</param>
    /// <param name="pages">The pages of due contacts read so far, in order: the first, then one per <see cref="LeasePlan.NextPage"/>.</param>
    public static LeasePlan Plan(LeaseFacts facts, IReadOnlyList<CandidatePage> pages)
    {
        var settings = facts.Settings;
        var (caps, now) = (facts.Caps, facts.Now);
        var agents = new List<string>(facts.FreeAgents);
        var attemptIds = new Queue<long>(facts.AttemptIds);
        var callerNumbers = new CallerNumberPicker(settings, facts.CallerNumbers, now);
        var leases = new List<DialLease>();
        var moves = new List<ContactMove>();
        var seen = new List<long>();
        foreach (var page in pages)
        {
            foreach (var candidate in page.Candidates)
            {
                if (agents.Count == 0) break;
                seen.Add(candidate.ContactId);
                var owner = candidate.Callback is { } callback && callback.OwnedAt(now) ? callback.OwnerAgentId : null;
                if (owner is not null && !agents.Contains(owner, StringComparer.Ordinal))
                    continue; // A callback waits for its owner until the grace is over; it stays due.
                var agent = owner ?? agents[0];
                if (page.RecentDials is { } locked && !locked.ContainsKey(candidate.Phone) && !candidate.OnDoNotCall)
                    continue; // Another lease is dialling this callee right now; it stays due.
                var recent = page.RecentDials?.GetValueOrDefault(candidate.Phone) ?? [];
                var gateFacts = new DialCandidate(true, candidate.OnDoNotCall, candidate.Attempts, candidate.AttemptsToday, candidate.TimeZone, recent);
                var extra = candidate.Callback is null ? 0 : settings.Callbacks.ExtraAttempts;
                if (DialGate.Check(gateFacts, settings.Retry, settings.Schedule, caps, now, extraAttempts: extra) is DialVerdict.Refused refused)
                {
                    moves.Add(ContactMove.Refusing(candidate.ContactId, refused));
                    continue;
                }
                var excluded = DialGate.CappedCallerNumbers(recent, caps, now);
                if (callerNumbers.AllExcluded(excluded))
                {
                    var freesAt = excluded.Select(number => DialGate.FrequencyFreesAt(recent, caps, now, number) ?? now).Min();
                    moves.Add(ContactMove.Refusing(candidate.ContactId, new DialVerdict.Refused(DialRefusal.FrequencyCap, freesAt)));
                    continue;
                }
                var attemptId = attemptIds.Dequeue();
                var callerNumber = callerNumbers.Pick(candidate.Phone, attemptId, excluded, candidate.Province, candidate.City);
                agents.Remove(agent);
                leases.Add(new DialLease(attemptId, facts.CampaignId, candidate.ContactId, agent, candidate.Phone,
                    DialString.FromE164(candidate.Phone), callerNumber?.Id, callerNumber?.Number,
                    callerNumber is null ? null : DialString.FromE164(callerNumber.Number), candidate.Callback));
            }
        }

        // Some were refused (or skipped) and agents are left: look further, past what was seen, unless the last page was
        // the last there is or the lease has looked far enough.
        var last = pages.Count > 0 ? pages[^1] : null;
        var nextPage = agents.Count > 0 && last is not null && last.Candidates.Count >= last.Limit && pages.Count < MaxCandidatePages
            ? new CandidateQuery(seen.ToList(), agents.Count)
            : null;
        var numberUses = leases.Where(l => l.CallerNumberId is not null).GroupBy(l => l.CallerNumberId!, StringComparer.Ordinal)
            .Select(g => (g.Key, g.Count())).ToList();
        return new LeasePlan(leases, moves, callerNumbers.Today, numberUses, nextPage);
    }
}
