using AutoDialer.Core.Campaigns;
using AutoDialer.Core.Dispatch;
using AutoDialer.Core.StoredWords;

namespace AutoDialer.Chaos.Judging;

/// <summary>
/// A callback is dialled through the same gate as every call (do-not-call, the calling window, the frequency caps), at the
/// time the customer asked for, to its owner until the grace is over: judged on the call center's record (when each
/// make-call arrived, on whose phone) against the dialer's attempts (which were callbacks, whose, until when). Pure, like
/// <see cref="ChaosJudge"/>; each rule has a table test. The window is the campaign's (a contact's own time zone is not
/// in the record: the chaos run's contacts have none).
/// </summary>
internal static class CallbackRules
{
    /// <param name="placed">The calls the call center placed, in arrival order.</param>
    /// <param name="phoneOf">The number a call rang, as the dialer stores it.</param>
    /// <param name="schedules">Each campaign's calling schedule; a campaign not named here is judged always open.</param>
    /// <param name="grace">Added to an operator's do-not-call addition, as for every call.</param>
    public static CallbackVerdict Judge(IReadOnlyList<TruthDial> placed, IReadOnlyDictionary<string, DialerAttempt> attempts, Func<TruthDial, string> phoneOf,
        IReadOnlyList<TruthDisposition> dispositions, OperatorActions actions, IReadOnlyDictionary<long, CallingSchedule> schedules, TimeSpan grace,
        Action<string> example)
    {
        ArgumentNullException.ThrowIfNull(placed);
        ArgumentNullException.ThrowIfNull(attempts);
        ArgumentNullException.ThrowIfNull(dispositions);
        ArgumentNullException.ThrowIfNull(actions);
        ArgumentNullException.ThrowIfNull(schedules);
        ArgumentNullException.ThrowIfNull(example);

        var listedByAgents = DoNotCallByAgents(dispositions, attempts);
        var callsByNumber = placed.GroupBy(phoneOf).ToDictionary(g => g.Key, g => g.ToList());
        long dialled = 0, toDoNotCall = 0, outsideWindow = 0, overCaps = 0, beforeTime = 0, toOthers = 0;
        foreach (var call in placed)
        {
            if (!attempts.TryGetValue(call.BusinessId, out var attempt) || attempt.Callback is not { } callback) continue;
            dialled++;
            var phone = phoneOf(call);

            var byAgent = listedByAgents.TryGetValue(phone, out var disposed) ? disposed + grace : default;
            var listed = Earliest(actions.DoNotCallAdded.TryGetValue(phone, out var added) ? added + grace : null, byAgent);
            if (listed is { } since && call.At > since)
            {
                toDoNotCall++;
                example($"callbacks_to_do_not_call: callback {call.BusinessId} to {phone} at {call.At:O}, on the do-not-call list since {since:O}");
            }

            if (schedules.TryGetValue(attempt.CampaignId, out var schedule) && !schedule.IsOpen(call.At))
            {
                outsideWindow++;
                example($"callbacks_outside_window: callback {call.BusinessId} at {call.At:O} while campaign {attempt.CampaignId}'s calling window was shut");
            }

            if (CapBroken(callsByNumber[phone], call, actions.Caps) is { } cap)
            {
                overCaps++;
                example($"callbacks_over_caps: callback {call.BusinessId} to {phone} at {call.At:O} is {cap}");
            }

            if (call.At < callback.At)
            {
                beforeTime++;
                example($"callbacks_before_time: callback {call.BusinessId} at {call.At:O}, asked for {callback.At:O}");
            }

            if (call.Agent != callback.Owner && call.At < callback.OwnerUntil)
            {
                toOthers++;
                example($"callbacks_to_others_within_grace: callback {call.BusinessId} of {callback.Owner} rang {call.Agent} at {call.At:O}, the owner's until {callback.OwnerUntil:O}");
            }
        }

        return new CallbackVerdict(dialled, toDoNotCall, outsideWindow, overCaps, beforeTime, toOthers);
    }

    /// <summary>Numbers an agent's accepted <c>do_not_call</c> disposition put on the list, with the earliest such answer.</summary>
    private static Dictionary<string, DateTimeOffset> DoNotCallByAgents(IReadOnlyList<TruthDisposition> dispositions, IReadOnlyDictionary<string, DialerAttempt> attempts)
    {
        var listed = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        foreach (var disposition in dispositions.Where(d => d.Accepted && d.Effect == DispositionEffects.DoNotCall))
        {
            if (!attempts.TryGetValue(disposition.BusinessId, out var attempt)) continue;
            if (!listed.TryGetValue(attempt.Phone, out var since) || disposition.At < since) listed[attempt.Phone] = disposition.At;
        }

        return listed;
    }

    private static DateTimeOffset? Earliest(DateTimeOffset? a, DateTimeOffset b) =>
        b == default ? a : a is { } first && first < b ? first : b;

    /// <summary>Which cap <paramref name="call"/> broke, counting the calls to its number up to it; null when none.</summary>
    private static string? CapBroken(List<TruthDial> calls, TruthDial call, FrequencyCaps caps)
    {
        var before = calls.TakeWhile(c => !ReferenceEquals(c, call)).Append(call).ToList();
        var day = before.Count(c => c.At > call.At - TimeSpan.FromHours(24));
        var week = before.Count(c => c.At > call.At - TimeSpan.FromDays(7));
        var sameCaller = before.Count(c => c.CallerNumber == call.CallerNumber && c.At > call.At - TimeSpan.FromHours(24));
        if (caps.Per24Hours > 0 && day > caps.Per24Hours) return $"call {day} to the number in 24 h, cap {caps.Per24Hours}";
        if (caps.Per7Days > 0 && week > caps.Per7Days) return $"call {week} to the number in 7 days, cap {caps.Per7Days}";
        if (caps.PerCallerNumberPer24Hours > 0 && sameCaller > caps.PerCallerNumberPer24Hours)
            return $"call {sameCaller} from {call.CallerNumber} in 24 h, cap {caps.PerCallerNumberPer24Hours}";
        return null;
    }
}
