using AutoDialer.Core.Import;

namespace AutoDialer.PostgreSql.Import;

/// <summary>One data record of a contact list, read and normalised, ready to be staged.</summary>
/// <param name="Line">1-based physical line where the record starts (the header is line 1).</param>
/// <param name="Fields">The original fields, as read, for the rejects report.</param>
/// <param name="Reason">Why the row is rejected, or null when it can be imported.</param>
/// <param name="AttributesJson">Every column that is not phone, name, timezone or privacy number, as a JSON object.</param>
/// <param name="Facts">What the metadata knows about <paramref name="Phone"/>; null for a rejected row.</param>
internal sealed record ContactRow(
    int Line,
    string[] Fields,
    string? Phone,
    string? Reason,
    string? Name,
    string? Timezone,
    string? PrivacyNumber,
    string AttributesJson,
    NumberFacts? Facts)
{
    /// <summary>The contact's other valid numbers, in the list's order, none equal to <see cref="Phone"/> or to each other.</summary>
    public IReadOnlyList<NormalizedPhone> Alternates { get; init; } = [];
}
