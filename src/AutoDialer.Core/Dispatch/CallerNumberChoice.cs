namespace AutoDialer.Core.Dispatch;

/// <summary>Everything a rotation needs to choose the caller number for one call.</summary>
/// <param name="CalleeNumber">The number about to be dialled, in E.164.</param>
/// <param name="Numbers">The campaign's caller numbers.</param>
/// <param name="Usages">Usage by <see cref="CallerNumber.Id"/>; a number without an entry has not been used.</param>
/// <param name="Now">The moment of choosing.</param>
/// <param name="Cursor">
/// A value that grows by one per choice, from a database sequence so that every node of a cluster shares it.
/// </param>
/// <param name="CalleeProvince">The callee's home province as stored at import, if known.</param>
/// <param name="CalleeCity">The callee's home city as stored at import, if known (mobiles too: by their segment).</param>
internal sealed record CallerNumberChoice(
    string CalleeNumber,
    IReadOnlyList<CallerNumber> Numbers,
    IReadOnlyDictionary<string, CallerNumberUsage> Usages,
    DateTimeOffset Now,
    long Cursor,
    string? CalleeProvince = null,
    string? CalleeCity = null)
{
    public CallerNumberUsage UsageOf(CallerNumber number) =>
        Usages.TryGetValue(number.Id, out var usage) ? usage : CallerNumberUsage.Unused(number.Id);
}
