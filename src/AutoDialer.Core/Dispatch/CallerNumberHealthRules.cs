namespace AutoDialer.Core.Dispatch;

/// <summary>
/// Which signs of being marked a caller number shows over its recent calls: an answer rate below the campaign's minimum
/// (the rule that also rests it, <see cref="AnswerRateGuard"/>), more short answered calls or more rejects than the
/// campaign allows (<see cref="NumberHealthPolicy"/>), judged once it has the policy's minimum of calls; and more
/// complaint or wrong-number dispositions than the campaign allows, however few its calls (each is a person's report),
/// which rest it too (<see cref="RestUntilAfterDispositions"/>).
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
        var flags = new List<HealthFlag>(5);
        if (figures.Calls >= policy.MinCalls)
        {
            if (figures.AnswerRate < minAnswerRate)
                flags.Add(HealthFlag.LowAnswerRate);
            if (figures.ShortCallShare > policy.MaxShortCallShare)
                flags.Add(HealthFlag.ShortCalls);
            if (figures.RejectShare > policy.MaxRejectShare)
                flags.Add(HealthFlag.Rejects);
        }
        if (figures.Complaints > policy.MaxComplaints)
            flags.Add(HealthFlag.Complaints);
        if (figures.WrongNumbers > policy.MaxWrongNumbers)
            flags.Add(HealthFlag.WrongNumbers);
        return flags;
    }

    /// <summary>
    /// Until when a number rests once an agent's disposition brought its recent <paramref name="complaints"/> or
    /// <paramref name="wrongNumbers"/> past the campaign's maximum (for <see cref="RotationPolicy.RestFor"/>); null when neither is.
    /// </summary>
    public static DateTimeOffset? RestUntilAfterDispositions(int complaints, int wrongNumbers, RotationPolicy rotation, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(rotation);
        return complaints > rotation.Health.MaxComplaints || wrongNumbers > rotation.Health.MaxWrongNumbers ? now + rotation.RestFor : null;
    }
}
