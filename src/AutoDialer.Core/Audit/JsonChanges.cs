using System.Globalization;
using System.Text.Json.Nodes;

namespace AutoDialer.Core.Audit;

/// <summary>
/// The fields that differ between two JSON documents, by JSON path in the API's own spelling (members by name, array
/// items by index: <c>caller_numbers[1].daily_cap</c>, the path a 400 names a field by), as the audit trail records a
/// settings change. Objects are compared member by member (a member absent on one side counts as null), arrays item by
/// item (an item added or removed at the end is a change at its index), anything else by value; a value that changes kind
/// (an object that becomes a number) is one change at its path.
/// </summary>
internal static class JsonChanges
{
    public static IReadOnlyList<JsonChange> Between(JsonNode? old, JsonNode? @new)
    {
        var changes = new List<JsonChange>();
        Compare("", old, @new, changes);
        return changes;
    }

    private static void Compare(string path, JsonNode? old, JsonNode? @new, List<JsonChange> changes)
    {
        switch (old, @new)
        {
            case (JsonObject before, JsonObject after):
                foreach (var name in before.Select(p => p.Key).Concat(after.Select(p => p.Key)).Distinct(StringComparer.Ordinal))
                    Compare(path.Length == 0 ? name : $"{path}.{name}", before[name], after[name], changes);
                break;
            case (JsonArray before, JsonArray after):
                for (var i = 0; i < Math.Max(before.Count, after.Count); i++)
                {
                    Compare(path + "[" + i.ToString(CultureInfo.InvariantCulture) + "]",
                        i < before.Count ? before[i] : null, i < after.Count ? after[i] : null, changes);
                }
                break;
            default:
                if (!JsonNode.DeepEquals(old, @new))
                    changes.Add(new JsonChange(path, old?.DeepClone(), @new?.DeepClone()));
                break;
        }
    }
}
