namespace AutoDialer.Core.Dispatch;

/// <summary>
/// Whether a caller number may be used at all, whatever the rotation: it is not resting and is under its daily cap.
/// </summary>
/// <param name="DefaultDailyCap">The cap of numbers that set none (<see cref="CallerNumber.DailyCap"/> 0); 0 = unlimited.</param>
internal sealed record CallerNumberEligibility(int DefaultDailyCap = 0)
{
    public static CallerNumberEligibility Unlimited { get; } = new();

    /// <summary>The cap that applies to <paramref name="number"/>; 0 or less means unlimited.</summary>
    public int DailyCapOf(CallerNumber number) => number.DailyCap > 0 ? number.DailyCap : DefaultDailyCap;

    public bool IsEligible(CallerNumber number, CallerNumberUsage usage, DateTimeOffset now)
    {
        if (usage.RestedUntil > now)
        {
            return false;
        }

        var cap = DailyCapOf(number);
        return cap <= 0 || usage.UsedToday < cap;
    }

    /// <summary>The request's eligible numbers with their usage, in <see cref="CallerNumber.Id"/> order.</summary>
    /// <remarks>Sorted so that a rotation does not depend on the order the numbers were read in.</remarks>
    public IReadOnlyList<(CallerNumber Number, CallerNumberUsage Usage)> Eligible(CallerNumberChoice request) =>
        request.Numbers
            .Select(number => (Number: number, Usage: request.UsageOf(number)))
            .Where(candidate => IsEligible(candidate.Number, candidate.Usage, request.Now))
            .OrderBy(candidate => candidate.Number.Id, StringComparer.Ordinal)
            .ToList();
}
