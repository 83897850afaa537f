using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace AutoDialer.AspNetCore.Api;

/// <summary>
/// The JSON names of the members an object in a request body may have, found by its path (<c>settings.retry</c>,
/// <c>caller_numbers[0]</c>) through the serializer's own contract, so an unknown member's error can say what was meant.
/// </summary>
internal static class JsonMemberNames
{
    /// <summary>The members of the object at <paramref name="objectPath"/> ("" for the body itself); empty when the path leads to no object.</summary>
    public static IReadOnlyList<string> At(Type body, string objectPath, JsonSerializerOptions options)
    {
        var info = options.GetTypeInfo(body);
        foreach (var segment in objectPath.Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            var name = segment.IndexOf('[') is var bracket and >= 0 ? segment[..bracket] : segment;
            var comparison = options.PropertyNameCaseInsensitive ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
            if (info.Kind != JsonTypeInfoKind.Object || info.Properties.FirstOrDefault(p => string.Equals(p.Name, name, comparison)) is not { } property)
                return [];
            info = options.GetTypeInfo(property.PropertyType);
            for (var index = segment.IndexOf('['); index >= 0; index = segment.IndexOf('[', index + 1))
            {
                if (info.ElementType is not { } element) return [];
                info = options.GetTypeInfo(element);
            }
        }

        return info.Kind == JsonTypeInfoKind.Object ? info.Properties.Select(p => p.Name).ToList() : [];
    }
}
