using AutoDialer.Core.Dispatch;
using AutoDialer.Core.StoredWords;

namespace AutoDialer.Chaos.Judging;

/// <summary>
/// Judges the dialer's record against the call center's: pure, so every rule has a table test. Times in the truth
/// are the call center's (the make-call's arrival, the call's end); an operator's action counts from the moment the
/// API confirmed it plus <c>grace</c> (the chaos run gives none: a change waits for the calls already past the dial
/// gate's last check, so a make-call arriving after the answer is a violation).
/// </summary>
internal static class ChaosJudge
{
    private const int MaxExamples = 30;

    private const int MaxExamplesPerRule = 5;

    /// <summary>Outcomes that say a call reached the network: impossible for a make-call the call center refused.</summary>
    private static readonly HashSet<string> CallOutcomes =
        [Core.StoredWords.CallOutcomes.Answered, Core.StoredWords.CallOutcomes.NoAnswer, Core.StoredWords.CallOutcomes.Busy, Core.StoredWords.CallOutcomes.Rejected];

    public static ChaosVerdict Judge(TruthFile truth, IReadOnlyList<DialerAttempt> attempts, OperatorActions actions, TimeSpan grace,
        IReadOnlyList<DialerContact>? contacts = null, ClusterWatch? watch = null, IReadOnlyDictionary<long, JudgedCampaign>? campaigns = null)
    {
        ArgumentNullException.ThrowIfNull(truth);
        ArgumentNullException.ThrowIfNull(attempts);
        ArgumentNullException.ThrowIfNull(actions);
        var examples = new List<string>();
        var perRule = new Dictionary<string, int>();
        // At most MaxExamplesPerRule of each rule (the sentence starts with its figure's name), MaxExamples in all: one rule's
        // many violations do not hide another's.
        void Example(string sentence)
        {
            var rule = sentence[..sentence.IndexOf(':', StringComparison.Ordinal)];
            if (examples.Count < MaxExamples && perRule.GetValueOrDefault(rule) < MaxExamplesPerRule)
            {
                perRule[rule] = perRule.GetValueOrDefault(rule) + 1;
                examples.Add(sentence);
            }
        }

        var byId = attempts.ToDictionary(a => a.BusinessId);
        var ends = truth.Ends.GroupBy(e => e.BusinessId).ToDictionary(g => g.Key, g => g.First());
        var placed = truth.Dials.Where(d => d.Placed).GroupBy(d => d.BusinessId).Select(g => g.First()).OrderBy(d => d.At).ToList();
        DateTimeOffset EndOf(TruthDial call) => ends.TryGetValue(call.BusinessId, out var e) ? e.At : DateTimeOffset.MaxValue;
        string PhoneOf(TruthDial call) => byId.TryGetValue(call.BusinessId, out var attempt) ? attempt.Phone : call.Number;

        long duplicates = 0;
        foreach (var dialled in truth.Dials.GroupBy(d => d.BusinessId).Where(g => g.Count() > 1))
        {
            duplicates += dialled.Count() - 1;
            Example($"duplicate_dials: business id {dialled.Key} dialled {dialled.Count()} times");
        }

        long unknownCalls = 0;
        // A make-call the call center refused was no call: the dialer may give the contact its attempt back and forget it.
        foreach (var dial in placed.Where(d => !byId.ContainsKey(d.BusinessId)))
        {
            unknownCalls++;
            Example($"unknown_calls: make-call {dial.BusinessId} to {dial.Number} at {dial.At:O} has no attempt in the dialer");
        }

        // One person, one call: by the number, whichever campaign dialled it.
        long overlapping = 0;
        foreach (var number in placed.GroupBy(PhoneOf))
        {
            var busyUntil = DateTimeOffset.MinValue;
            foreach (var call in number)
            {
                if (call.At < busyUntil)
                {
                    overlapping++;
                    Example($"overlapping_calls: number {number.Key}: call {call.BusinessId} at {call.At:O} while an earlier call lasted until {busyUntil:O}");
                }

                // A call with no end in the record may still be going on: it lasts to the end of time.
                busyUntil = EndOf(call) > busyUntil ? EndOf(call) : busyUntil;
            }
        }

        long budgetExceeded = 0;
        foreach (var contact in placed.Where(d => byId.ContainsKey(d.BusinessId)).GroupBy(d => (byId[d.BusinessId].CampaignId, byId[d.BusinessId].ContactId)))
        {
            var n = 0;
            foreach (var call in contact)
            {
                // A callback may go beyond the budget by the campaign's extra attempts (the product's rule for an agent's promise).
                var budget = actions.For(contact.Key.CampaignId).BudgetAt(call.At - grace)
                    + (byId[call.BusinessId].Callback is not null ? campaigns?.GetValueOrDefault(contact.Key.CampaignId)?.CallbackExtraAttempts ?? 0 : 0);
                if (++n > budget)
                {
                    budgetExceeded++;
                    Example($"budget_exceeded: contact {contact.Key.ContactId}: call {call.BusinessId} at {call.At:O} is its dial {n}, budget {budget}");
                }
            }
        }

        long dncDialled = 0, paused = 0;
        foreach (var call in placed)
        {
            var phone = PhoneOf(call);
            if (actions.DoNotCallAdded.TryGetValue(phone, out var added) && call.At > added + grace)
            {
                dncDialled++;
                Example($"dnc_dialled_after_add: call {call.BusinessId} to {phone} at {call.At:O}, on the do-not-call list since {added:O}");
            }

            if (byId.TryGetValue(call.BusinessId, out var attempt) && actions.Paused(attempt.CampaignId, call.At, grace))
            {
                paused++;
                Example($"dialled_while_paused: call {call.BusinessId} at {call.At:O} while campaign {attempt.CampaignId} was paused");
            }
        }

        var capsExceeded = CapsExceeded(placed, PhoneOf, actions.Caps, Example);
        var agentsDoubleBooked = AgentsDoubleBooked(truth.Dials, placed, EndOf, Example);

        long mismatches = 0, lost = 0, unsettled = 0, dialledAfterSettled = 0;
        var dials = truth.Dials.GroupBy(d => d.BusinessId).ToDictionary(g => g.Key, g => g.First());
        foreach (var attempt in attempts)
        {
            dials.TryGetValue(attempt.BusinessId, out var dial);
            if (dial is not null && attempt.SettledAt is { } settledAt && dial.At > settledAt)
            {
                dialledAfterSettled++;
                Example($"dialled_after_settled: attempt {attempt.Id} settled {attempt.Outcome} at {settledAt:O}, its make-call reached the call center at {dial.At:O}");
            }

            if (attempt.Status != AttemptStatuses.Settled)
            {
                unsettled++;
                Example($"unsettled: attempt {attempt.Id} is still {attempt.Status}");
                continue;
            }

            ends.TryGetValue(attempt.BusinessId, out var end);
            if (MismatchOf(attempt, dial, end) is { } mismatch)
            {
                mismatches++;
                Example($"outcome_mismatches: attempt {attempt.Id}: {mismatch}");
            }

            if (end is not null && !attempt.HasEndEvent)
            {
                lost++;
                Example($"events_lost: attempt {attempt.Id}: the call ended at {end.At:O} ({end.Outcome}) but no hang-up event is stored for it");
            }
        }

        var budgetLeaked = BudgetLeaked(contacts ?? [], attempts, placed.Select(d => d.BusinessId).ToHashSet(), Example);

        long operatorStalls = 0;
        foreach (var call in actions.Calls.Where(c => c.Stalled))
        {
            operatorStalls++;
            Example($"operator_stalls: {call.Action} at {call.At:O} {(call.Failure is { } failure ? $"failed: {failure}" : $"took {call.Took.TotalSeconds:0.0} s")}");
        }

        var clusterStalls = watch is null ? 0 : ClusterStalls(watch, placed, EndOf, actions, Example);

        long foreignAccepted = 0;
        foreach (var disposition in truth.Dispositions.Where(d => !d.Own && d.Accepted))
        {
            foreignAccepted++;
            Example($"foreign_dispositions_accepted: {disposition.Code} for call {disposition.BusinessId} from {disposition.Agent}'s page, not its agent's call, accepted at {disposition.At:O}");
        }

        var known = placed.Where(d => byId.ContainsKey(d.BusinessId)).Select(d => (Call: d, byId[d.BusinessId])).ToList();
        var outsideWindow = CallingWindowRule.Count(known.Select(k => (k.Call, k.Item2.CampaignId)), campaigns ?? new Dictionary<long, JudgedCampaign>(), Example);
        var afterAnswered = AnsweredThenDialledRule.Count(known.Select(k => (k.Call, ((long, long)?)(k.Item2.CampaignId, k.Item2.ContactId))).ToList(), ends,
            truth.Dispositions, campaigns ?? new Dictionary<long, JudgedCampaign>(), Example);

        return new ChaosVerdict(placed.Count, duplicates, overlapping, dncDialled, budgetExceeded, paused, mismatches, lost, unsettled, unknownCalls)
        {
            Examples = examples,
            AgentsDoubleBooked = agentsDoubleBooked,
            BudgetLeaked = budgetLeaked,
            OperatorStalls = operatorStalls,
            DialledAfterSettled = dialledAfterSettled,
            ClusterStalls = clusterStalls,
            FrequencyCapsExceeded = capsExceeded,
            Dispositions = truth.Dispositions.Count,
            ForeignDispositionsAccepted = foreignAccepted,
            Callbacks = CallbackRules.Judge(placed, byId, PhoneOf, truth.Dispositions, actions, (campaigns ?? new Dictionary<long, JudgedCampaign>()).ToDictionary(c => c.Key, c => c.Value.Schedule), grace, Example),
            DialledOutsideWindow = outsideWindow,
            DialledAfterAnswered = afterAnswered,
        };
    }

    /// <summary>Calls to one number beyond its caps: <c>per_24_hours</c> and <c>per_7_days</c> over every campaign,
    /// <c>per_caller_number_per_24_hours</c> from one caller number (a cap of 0 is off).</summary>
    private static long CapsExceeded(IReadOnlyList<TruthDial> placed, Func<TruthDial, string> phoneOf, FrequencyCaps caps, Action<string> example)
    {
        long exceeded = 0;
        foreach (var number in placed.GroupBy(phoneOf))
        {
            var calls = number.ToList();
            for (var i = 0; i < calls.Count; i++)
            {
                var call = calls[i];
                var day = calls.Take(i + 1).Count(c => c.At > call.At - TimeSpan.FromHours(24));
                var week = calls.Take(i + 1).Count(c => c.At > call.At - TimeSpan.FromDays(7));
                var sameCaller = calls.Take(i + 1).Count(c => c.CallerNumber == call.CallerNumber && c.At > call.At - TimeSpan.FromHours(24));
                var broken = (caps.Per24Hours > 0 && day > caps.Per24Hours) || (caps.Per7Days > 0 && week > caps.Per7Days)
                    || (caps.PerCallerNumberPer24Hours > 0 && sameCaller > caps.PerCallerNumberPer24Hours);
                if (broken)
                {
                    exceeded++;
                    example($"frequency_caps_exceeded: number {number.Key}: call {call.BusinessId} at {call.At:O} is its call {day} in 24 h ({week} in 7 days, {sameCaller} from {call.CallerNumber}), caps {caps.Per24Hours}/{caps.Per7Days}/{caps.PerCallerNumberPer24Hours}");
                }
            }
        }

        return exceeded;
    }

    /// <summary>A make-call (placed or refused) that reached an agent's phone while a call the dialer had placed on it
    /// was still going on: the dialer sent two live calls to one agent.</summary>
    private static long AgentsDoubleBooked(IReadOnlyList<TruthDial> received, IReadOnlyList<TruthDial> placed, Func<TruthDial, DateTimeOffset> endOf,
        Action<string> example)
    {
        long doubleBooked = 0;
        var callsByAgent = placed.ToLookup(d => d.Agent);
        foreach (var dial in received)
        {
            if (callsByAgent[dial.Agent].FirstOrDefault(c => c.BusinessId != dial.BusinessId && c.At <= dial.At && endOf(c) > dial.At) is { } live)
            {
                doubleBooked++;
                example($"agents_double_booked: agent {dial.Agent}: make-call {dial.BusinessId} at {dial.At:O} while call {live.BusinessId} was live on the agent's phone");
            }
        }

        return doubleBooked;
    }

    /// <summary>Budget a contact spent beyond the calls the call center placed for it: an attempt that cost a dial
    /// although no call happened (never sent, refused, or placed after its deadline and hung up).</summary>
    private static long BudgetLeaked(IReadOnlyList<DialerContact> contacts, IReadOnlyList<DialerAttempt> attempts, HashSet<string> placed,
        Action<string> example)
    {
        long leaked = 0;
        var callsByContact = attempts.Where(a => placed.Contains(a.BusinessId)).GroupBy(a => a.ContactId).ToDictionary(g => g.Key, g => g.Count());
        var unplacedByContact = attempts.Where(a => !placed.Contains(a.BusinessId)).ToLookup(a => a.ContactId);
        foreach (var contact in contacts)
        {
            var calls = callsByContact.GetValueOrDefault(contact.Id);
            if (contact.Attempts > calls)
            {
                leaked += contact.Attempts - calls;
                var unplaced = unplacedByContact[contact.Id].ToList();
                example($"budget_leaked: contact {contact.Id} ({contact.Phone}, campaign {contact.CampaignId}) spent {contact.Attempts} of its budget for {calls} calls"
                        + (unplaced.Count == 0 ? "; no attempt without a call is kept" : $"; without a call: {string.Join("; ", unplaced)}"));
            }
        }

        return leaked;
    }

    /// <summary>Spans longer than <see cref="ClusterWatch.StallAfter"/> (not counting time when every campaign was
    /// paused) in which no node placed a call, while every due sample in it was above 0 and an agent was idle.</summary>
    private static long ClusterStalls(ClusterWatch watch, IReadOnlyList<TruthDial> placed, Func<TruthDial, DateTimeOffset> endOf, OperatorActions actions,
        Action<string> example)
    {
        var moments = placed.Select(d => d.At).Where(at => at > watch.From && at < watch.To).Prepend(watch.From).Append(watch.To).ToList();
        long stalls = 0;
        for (var i = 1; i < moments.Count; i++)
        {
            var (from, to) = (moments[i - 1], moments[i]);
            var dialable = to - from - AllPaused(actions, from, to);
            if (dialable <= ClusterWatch.StallAfter)
            {
                continue;
            }

            var samples = watch.DueSamples.Where(s => s.At >= from && s.At <= to).ToList();
            var busyAgents = placed.Where(c => c.At <= from + ClusterWatch.StallAfter && endOf(c) > from + ClusterWatch.StallAfter).Select(c => c.Agent).Distinct().Count();
            if (samples.Count > 0 && samples.All(s => s.Due > 0) && busyAgents < watch.Agents)
            {
                stalls++;
                example($"cluster_stalls: no call from {from:O} to {to:O} ({dialable.TotalSeconds:0.0} s) with {samples.Min(s => s.Due)}+ contacts due and {watch.Agents - busyAgents} agents idle");
            }
        }

        return stalls;
    }

    /// <summary>How much of [from, to] every campaign the operator acted on was paused (campaigns with no pause keep dialling).</summary>
    private static TimeSpan AllPaused(OperatorActions actions, DateTimeOffset from, DateTimeOffset to)
    {
        if (actions.Campaigns.Count == 0 || actions.Campaigns.Values.Any(c => c.Pauses.Count == 0))
        {
            return TimeSpan.Zero;
        }

        // Intersect each campaign's paused time with [from, to], then the campaigns with each other.
        IEnumerable<(DateTimeOffset From, DateTimeOffset To)> common = [(from, to)];
        foreach (var campaign in actions.Campaigns.Values)
        {
            common = common.SelectMany(c => campaign.Pauses
                .Select(p => (From: p.From > c.From ? p.From : c.From, To: p.To < c.To ? p.To : c.To))
                .Where(p => p.From < p.To)).ToList();
        }

        return common.Aggregate(TimeSpan.Zero, (sum, p) => sum + (p.To - p.From));
    }

    /// <summary>Why a settled attempt's outcome contradicts the record, or null when it does not.</summary>
    public static string? MismatchOf(DialerAttempt attempt, TruthDial? dial, TruthEnd? end)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        if (end is not null)
        {
            return attempt.Outcome == end.Outcome ? null : $"settled {attempt.Outcome ?? "without an outcome"}, the call center says {end.Outcome}";
        }

        if (dial is null || !dial.Placed)
        {
            // No call happened: the attempt must not claim one.
            return attempt.Outcome is { } outcome && CallOutcomes.Contains(outcome)
                ? $"settled {outcome}, but the call center {(dial is null ? "never received the make-call" : $"refused it ({dial.Refused})")}"
                : null;
        }

        // Placed and not ended (still going on when the run stopped): only unknown is honest.
        return attempt.Outcome == Core.StoredWords.CallOutcomes.Unknown ? null : $"settled {attempt.Outcome}, but the call had not ended";
    }
}
