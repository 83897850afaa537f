using System.Collections.Concurrent;

namespace AutoDialer.Core.Import;

/// <summary>
/// Splits the geocoder's Chinese description of a place (<c>江苏省常州市</c>, <c>北京市</c>,
/// <c>广西壮族自治区南宁市</c>) into its province and city.
/// </summary>
internal static class ChinaPlace
{
    // The four municipalities are their own province.
    private static readonly string[] Municipalities = ["北京市", "天津市", "上海市", "重庆市"];

    private static readonly string[] ProvinceEndings = ["自治区", "省"];

    // The geocoder's descriptions are its data's few thousand place names, so this stays small; an import splits one
    // per row.
    private static readonly ConcurrentDictionary<string, (string? Province, string? City)> SplitByDescription = new(StringComparer.Ordinal);

    /// <summary><see cref="Split"/>, remembering each description's answer.</summary>
    public static (string? Province, string? City) SplitRemembered(string? description) =>
        description is null ? (null, null) : SplitByDescription.GetOrAdd(description, static text => Split(text));

    /// <returns>The province and the city; either is null when the description does not name it.</returns>
    public static (string? Province, string? City) Split(string? description)
    {
        if (string.IsNullOrWhiteSpace(description))
        {
            return (null, null);
        }

        var text = description.Trim();
        foreach (var municipality in Municipalities)
        {
            if (text.StartsWith(municipality, StringComparison.Ordinal))
            {
                return (municipality, municipality);
            }
        }

        foreach (var ending in ProvinceEndings)
        {
            var at = text.IndexOf(ending, StringComparison.Ordinal);
            if (at > 0)
            {
                var end = at + ending.Length;
                return (text[..end], end < text.Length ? FirstCity(text[end..]) : null);
            }
        }

        // Not a province we recognise (the metadata's country name, when it knows no place): no place rather than a guess.
        return (null, null);
    }

    // An area code two cities share reads "南宁市、崇左市": the first is the one the code is named after.
    private static string FirstCity(string cities)
    {
        var separator = cities.IndexOf('、', StringComparison.Ordinal);
        return separator > 0 ? cities[..separator] : cities;
    }
}
