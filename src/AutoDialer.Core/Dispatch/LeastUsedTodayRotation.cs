namespace AutoDialer.Core.Dispatch;

/// <summary>
/// Takes the eligible number used least today whose last call was at least <c>cooldown</c> ago; ties go to the
/// number used least recently, then to the lowest id.
/// </summary>
internal sealed class LeastUsedTodayRotation : ICallerNumberRotation
{
    private readonly TimeSpan _cooldown;
    private readonly CallerNumberEligibility _eligibility;

    public LeastUsedTodayRotation(TimeSpan cooldown, CallerNumberEligibility? eligibility = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(cooldown, TimeSpan.Zero);
        _cooldown = cooldown;
        _eligibility = eligibility ?? CallerNumberEligibility.Unlimited;
    }

    public CallerNumber? Choose(CallerNumberChoice request)
    {
        ArgumentNullException.ThrowIfNull(request);
        (CallerNumber Number, CallerNumberUsage Usage)? best = null;
        foreach (var candidate in _eligibility.Eligible(request))
        {
            if (candidate.Usage.LastUsedAt is { } lastUsed && request.Now - lastUsed < _cooldown)
            {
                continue;
            }

            // Eligible() is in id order, so keeping the first of equals breaks the last tie by id.
            if (best is null || IsLessUsed(candidate.Usage, best.Value.Usage))
            {
                best = candidate;
            }
        }

        return best?.Number;
    }

    private static bool IsLessUsed(CallerNumberUsage candidate, CallerNumberUsage best)
    {
        if (candidate.UsedToday != best.UsedToday)
        {
            return candidate.UsedToday < best.UsedToday;
        }

        // Never used counts as least recently used.
        return (candidate.LastUsedAt, best.LastUsedAt) switch
        {
            (null, not null) => true,
            ({ } c, { } b) => c < b,
            _ => false,
        };
    }
}
