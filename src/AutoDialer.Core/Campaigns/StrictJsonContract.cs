using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace AutoDialer.Core.Campaigns;

/// <summary>
/// Makes <see cref="JsonUnmappedMemberHandling.Disallow"/> refuse every member a type does not read, [JsonIgnore]d
/// ones included.
/// </summary>
/// <remarks>
/// System.Text.Json keeps a [JsonIgnore]d property in the contract, with neither getter nor setter, so that its name
/// counts as known: such a member in the input is skipped without a word even under Disallow (a body with
/// <c>frequency_caps.lookback</c>, a derived value, was). Taken out of the contract, its name is unknown like any other.
/// Properties that are written but not read are left alone: responses have them; request bodies must not
/// (a test checks that every member of every body can be set).
/// </remarks>
internal static class StrictJsonContract
{
    /// <summary><paramref name="resolver"/> (the reflection-based default when null) with ignored members taken out of every contract.</summary>
    public static IJsonTypeInfoResolver Over(IJsonTypeInfoResolver? resolver) =>
        (resolver ?? new DefaultJsonTypeInfoResolver()).WithAddedModifier(ForgetIgnoredMembers);

    private static void ForgetIgnoredMembers(JsonTypeInfo info)
    {
        if (info.Kind != JsonTypeInfoKind.Object) return;
        for (var i = info.Properties.Count - 1; i >= 0; i--)
        {
            var property = info.Properties[i];
            if (property.Get is null && property.Set is null && property.AssociatedParameter is null)
                info.Properties.RemoveAt(i);
        }
    }
}
