using AutoDialer.Core.Campaigns;
using AutoDialer.Core.Settlement;
using AutoDialer.Core.StoredWords;

namespace AutoDialer.Core.Dispatch;

/// <summary>
/// Whether a contact may be dialled now. Asked twice for every call: in the lease, for the contacts it locks, and again
/// just before make-call, for the leases about to be dialled; a contact refused the second time is released without
/// consuming an attempt. Every fact comes fresh from the database; nothing is inferred from the contact's state.
/// </summary>
internal static class DialGate
{
    private static readonly TimeSpan Day = TimeSpan.FromHours(24);
    private static readonly TimeSpan Week = TimeSpan.FromDays(7);

    /// <param name="candidate">The contact's facts, read just now.</param>
    /// <param name="retry">The campaign's current budget and per-day cap.</param>
    /// <param name="schedule">The campaign's calling windows, blackout dates and holiday calendar (carried by the schedule).</param>
    /// <param name="caps">The frequency caps in force for the campaign.</param>
    /// <param name="now">The moment of dialling.</param>
    /// <param name="callerNumber">The caller number the call will show, when it is chosen already (the second check).</param>
    /// <param name="extraAttempts">Attempts allowed beyond the budget and the per-day cap: a callback's (<c>callbacks.extra_attempts</c>), else 0.</param>
    public static DialVerdict Check(DialCandidate candidate, RetryPolicy retry, CallingSchedule schedule, FrequencyCaps caps, DateTimeOffset now,
        string? callerNumber = null, int extraAttempts = 0)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        ArgumentNullException.ThrowIfNull(retry);
        if (!candidate.CampaignRunning)
            return new DialVerdict.Refused(DialRefusal.CampaignNotRunning);
        if (candidate.OnDoNotCall)
            return new DialVerdict.Refused(DialRefusal.DoNotCall);
        if (candidate.Attempts >= retry.MaxAttempts + extraAttempts)
            return new DialVerdict.Refused(DialRefusal.BudgetExhausted);
        if (candidate.AttemptsToday >= retry.MaxAttemptsPerDay + extraAttempts)
            return new DialVerdict.Refused(DialRefusal.DailyCap);
        if (!schedule.IsOpen(now, candidate.TimeZone))
        {
            var reason = schedule.IsBlackout(now, candidate.TimeZone) ? DialRefusal.Blackout
                : schedule.HolidayOn(now, candidate.TimeZone) is not null ? DialRefusal.Holiday
                : DialRefusal.OutsideWindow;
            return new DialVerdict.Refused(reason, schedule.NextOpening(now, candidate.TimeZone) ?? now.AddDays(1));
        }
        return FrequencyFreesAt(candidate.RecentDials, caps, now, callerNumber) is { } freesAt
            ? new DialVerdict.Refused(DialRefusal.FrequencyCap, freesAt)
            : DialVerdict.Allow;
    }

    /// <summary>
    /// When every cap that <paramref name="dials"/> has reached frees up again; null when none is reached.
    /// <paramref name="callerNumber"/> null leaves the per-caller-number cap to the choice of number.
    /// </summary>
    public static DateTimeOffset? FrequencyFreesAt(IReadOnlyList<CalleeDial> dials, FrequencyCaps caps, DateTimeOffset now, string? callerNumber = null)
    {
        DateTimeOffset? freesAt = null;
        Consider(dials.Select(d => d.At), caps.Per24Hours, Day);
        Consider(dials.Select(d => d.At), caps.Per7Days, Week);
        if (callerNumber is not null)
            Consider(dials.Where(d => d.CallerNumber == callerNumber).Select(d => d.At), caps.PerCallerNumberPer24Hours, Day);
        return freesAt;

        void Consider(IEnumerable<DateTimeOffset> times, int cap, TimeSpan window)
        {
            if (cap <= 0) return;
            var inWindow = times.Where(t => t > now - window).Order().ToList();
            if (inWindow.Count < cap) return;
            // Below the cap again once all but cap - 1 of them have left the window.
            var frees = inWindow[inWindow.Count - cap] + window;
            if (freesAt is null || frees > freesAt) freesAt = frees;
        }
    }

    /// <summary>The caller numbers that may not call this callee now under the per-caller-number cap.</summary>
    public static IReadOnlySet<string> CappedCallerNumbers(IReadOnlyList<CalleeDial> dials, FrequencyCaps caps, DateTimeOffset now)
    {
        if (caps.PerCallerNumberPer24Hours <= 0) return new HashSet<string>();
        return dials.Where(d => d.CallerNumber is not null && d.At > now - Day)
            .GroupBy(d => d.CallerNumber!, StringComparer.Ordinal)
            .Where(g => g.Count() >= caps.PerCallerNumberPer24Hours)
            .Select(g => g.Key)
            .ToHashSet(StringComparer.Ordinal);
    }
}
