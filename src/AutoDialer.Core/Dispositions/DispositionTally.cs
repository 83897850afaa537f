namespace AutoDialer.Core.Dispositions;

/// <summary>A campaign's dispositions as the dashboard shows them: every code it offers, counted, with what it means.</summary>
internal static class DispositionTally
{
    /// <summary>
    /// The campaign's <paramref name="codes"/> in their order, each with its counts (zero when no call has it, so a
    /// manager sees every code the agents were offered), then the codes calls carry that the campaign no longer has, by code.
    /// </summary>
    public static IReadOnlyList<DispositionCount> Of(IReadOnlyList<DispositionCode> codes, IReadOnlyDictionary<string, long> today,
        IReadOnlyDictionary<string, long> total)
    {
        ArgumentNullException.ThrowIfNull(codes);
        ArgumentNullException.ThrowIfNull(today);
        ArgumentNullException.ThrowIfNull(total);
        var defined = codes.Select(c => new DispositionCount(c.Code, c.LabelZh, c.LabelEn, c.Effect, today.GetValueOrDefault(c.Code), total.GetValueOrDefault(c.Code)));
        var offered = codes.Select(c => c.Code).ToHashSet(StringComparer.Ordinal);
        var retired = today.Keys.Concat(total.Keys).Where(code => !offered.Contains(code)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)
            .Select(code => new DispositionCount(code, null, null, null, today.GetValueOrDefault(code), total.GetValueOrDefault(code)));
        return defined.Concat(retired).ToList();
    }
}
