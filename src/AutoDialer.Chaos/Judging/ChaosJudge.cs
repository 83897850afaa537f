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
    private const int MaxExamples = 20;

    /// <summary>Outcomes that say a call reached the network: impossible for a make-call the call center refused.</summary>
    private static readonly HashSet<string> CallOutcomes =
        [Core.StoredWords.CallOutcomes.Answered, Core.StoredWords.CallOutcomes.NoAnswer, Core.StoredWords.CallOutcomes.Busy, Core.StoredWords.CallOutcomes.Rejected];

    public static ChaosVerdict Judge(TruthFile truth, IReadOnlyList<DialerAttempt> attempts, OperatorActions actions, TimeSpan grace)
    {
        ArgumentNullException.ThrowIfNull(truth);
        ArgumentNullException.ThrowIfNull(attempts);
        ArgumentNullException.ThrowIfNull(actions);
        var examples = new List<string>();
        void Example(string sentence)
        {
            if (examples.Count < MaxExamples)
            {
                examples.Add(sentence);
            }
        }

        var byId = attempts.ToDictionary(a => a.BusinessId);
        var ends = truth.Ends.GroupBy(e => e.BusinessId).ToDictionary(g => g.Key, g => g.First());
        var placed = truth.Dials.Where(d => d.Placed).OrderBy(d => d.At).ToList();

        long duplicates = 0;
        foreach (var dialled in truth.Dials.GroupBy(d => d.BusinessId).Where(g => g.Count() > 1))
        {
            duplicates += dialled.Count() - 1;
            Example($"business id {dialled.Key} dialled {dialled.Count()} times");
        }

        long unknownCalls = 0;
        // A make-call the call center refused was no call: the dialer may give the contact its attempt back and forget it.
        foreach (var dial in placed.Where(d => !byId.ContainsKey(d.BusinessId)))
        {
            unknownCalls++;
            Example($"make-call {dial.BusinessId} to {dial.Number} at {dial.At:O} has no attempt in the dialer");
        }

        long overlapping = 0, budgetExceeded = 0;
        var firstDials = placed.GroupBy(d => d.BusinessId).Select(g => g.First());
        foreach (var contact in firstDials.Where(d => byId.ContainsKey(d.BusinessId)).GroupBy(d => byId[d.BusinessId].ContactId))
        {
            var calls = contact.OrderBy(d => d.At).ToList();
            var busyUntil = DateTimeOffset.MinValue;
            for (var i = 0; i < calls.Count; i++)
            {
                var call = calls[i];
                if (call.At < busyUntil)
                {
                    overlapping++;
                    Example($"contact {contact.Key}: call {call.BusinessId} at {call.At:O} while an earlier call lasted until {busyUntil:O}");
                }

                // A call with no end in the record may still be going on: it lasts to the end of time.
                var end = ends.TryGetValue(call.BusinessId, out var e) ? e.At : DateTimeOffset.MaxValue;
                if (end > busyUntil)
                {
                    busyUntil = end;
                }

                var budget = actions.BudgetAt(call.At - grace);
                if (i + 1 > budget)
                {
                    budgetExceeded++;
                    Example($"contact {contact.Key}: call {call.BusinessId} at {call.At:O} is its dial {i + 1}, budget {budget}");
                }
            }
        }

        long dncDialled = 0, paused = 0;
        foreach (var call in placed)
        {
            var phone = byId.TryGetValue(call.BusinessId, out var attempt) ? attempt.Phone : call.Number;
            if (actions.DoNotCallAdded.TryGetValue(phone, out var added) && call.At > added + grace)
            {
                dncDialled++;
                Example($"call {call.BusinessId} to {phone} at {call.At:O}, on the do-not-call list since {added:O}");
            }

            if (actions.Pauses.Any(p => call.At > p.From + grace && call.At < p.To))
            {
                paused++;
                Example($"call {call.BusinessId} at {call.At:O} while the campaign was paused");
            }
        }

        long mismatches = 0, lost = 0, unsettled = 0;
        var dials = truth.Dials.GroupBy(d => d.BusinessId).ToDictionary(g => g.Key, g => g.First());
        foreach (var attempt in attempts)
        {
            if (attempt.Status != AttemptStatuses.Settled)
            {
                unsettled++;
                Example($"attempt {attempt.Id} is still {attempt.Status}");
                continue;
            }

            dials.TryGetValue(attempt.BusinessId, out var dial);
            ends.TryGetValue(attempt.BusinessId, out var end);
            if (MismatchOf(attempt, dial, end) is { } mismatch)
            {
                mismatches++;
                Example($"attempt {attempt.Id}: {mismatch}");
            }

            if (end is not null && !attempt.HasEndEvent)
            {
                lost++;
                Example($"attempt {attempt.Id}: the call ended at {end.At:O} ({end.Outcome}) but no hang-up event is stored for it");
            }
        }

        return new ChaosVerdict(placed.Count, duplicates, overlapping, dncDialled, budgetExceeded, paused, mismatches, lost, unsettled, unknownCalls)
        {
            Examples = examples,
        };
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
