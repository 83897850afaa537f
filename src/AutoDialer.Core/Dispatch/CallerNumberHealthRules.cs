namespace AutoDialer.Core.Dispatch;

/// <summary>
/// Which signs of being marked a caller number shows over its recent calls: an answer rate below the campaign's minimum
/// (the rule that also rests it, <see cref="AnswerRateGuard"/>), more short answered calls or more rejects than the
/// campaign allows (<see cref="NumberHealthPolicy"/>). A number with fewer calls than the policy's minimum shows none.
/// </summary>
internal static class CallerNumberHealthRules
{
    /// <summary>Whether an answered call of <paramref name="talkSeconds"/> (null: not known) is a short one.</summary>
    public static bool IsShortCall(int? talkSeconds, NumberHealthPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return talkSeconds < policy.ShortCallSeconds;
    }

    public static IReadOnlyList<HealthFlag> Judge(CallerNumberFigures figures, double minAnswerRate, NumberHealthPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(figures);
        ArgumentNullException.ThrowIfNull(policy);
        if (figures.Calls < policy.MinCalls)
            return [];
        var flags = new List<HealthFlag>(3);
        if (figures.AnswerRate < minAnswerRate)
            flags.Add(HealthFlag.LowAnswerRate);
        if (figures.ShortCallShare > policy.MaxShortCallShare)
            flags.Add(HealthFlag.ShortCalls);
        if (figures.RejectShare > policy.MaxRejectShare)
            flags.Add(HealthFlag.Rejects);
        return flags;
    }
}
