namespace AutoDialer.Core.Dispatch;

/// <summary>Everything a rotation needs to choose the caller number for one call.</summary>
/// <param name="CalleeNumber">The number about to be dialled, in E.164.</param>
/// <param name="Numbers">The campaign's caller numbers.</param>
/// <param name="Usages">Usage by <see cref="CallerNumber.Id"/>; a number without an entry has not been used.</param>
/// <param name="Now">The moment of choosing.</param>
/// <param name="Cursor">
/// A value that grows by one per choice, from a database sequence so that every node of a cluster shares it.
/// </param>
internal sealed record CallerNumberChoice(
    string CalleeNumber,
    IReadOnlyList<CallerNumber> Numbers,
    IReadOnlyDictionary<string, CallerNumberUsage> Usages,
    DateTimeOffset Now,
    long Cursor)
{
    public CallerNumberUsage UsageOf(CallerNumber number) =>
        Usages.TryGetValue(number.Id, out var usage) ? usage : CallerNumberUsage.Unused(number.Id);
}
