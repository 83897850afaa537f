using System.Text.Json.Nodes;
using AutoDialer.Core.Audit;

namespace AutoDialer.Core.Tests.Audit;

public class JsonChangesTests
{
    /// <summary>before, after, the changes as "path: old → new" (absent as null).</summary>
    public static TheoryData<string, string, string[]> Cases => new()
    {
        { """{"a":1}""", """{"a":1}""", [] },
        { """{"a":1}""", """{"a":2}""", ["a: 1 → 2"] },
        { """{"retry":{"max_attempts":3,"budget":5}}""", """{"retry":{"max_attempts":4,"budget":5}}""", ["retry.max_attempts: 3 → 4"] },
        { """{"a":1}""", """{"a":1,"b":"x"}""", ["b: null → \"x\""] },
        { """{"a":1,"b":null}""", """{"a":1}""", [] },                       // absent and null are the same
        { """{"w":[{"start":"09:00"},{"start":"13:00"}]}""", """{"w":[{"start":"09:00"},{"start":"14:00"}]}""", ["w[1].start: \"13:00\" → \"14:00\""] },
        { """{"ids":["a"]}""", """{"ids":["a","b"]}""", ["ids[1]: null → \"b\""] },
        { """{"ids":["a","b"]}""", """{"ids":["b"]}""", ["ids[0]: \"a\" → \"b\"", "ids[1]: \"b\" → null"] },
        { """{"caps":{"per_24_hours":2}}""", """{"caps":3}""", ["caps: {\"per_24_hours\":2} → 3"] },
        { """{"x":1.0}""", """{"x":1.5}""", ["x: 1.0 → 1.5"] },
        { """{"on":true,"z":"Asia/Shanghai"}""", """{"on":false,"z":"Europe/Paris"}""", ["on: true → false", "z: \"Asia/Shanghai\" → \"Europe/Paris\""] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Each_changed_field_is_named_by_its_json_path_with_its_old_and_new_value(string before, string after, string[] expected)
    {
        var changes = JsonChanges.Between(JsonNode.Parse(before), JsonNode.Parse(after));

        Assert.Equal(expected, changes.Select(c => $"{c.Path}: {c.Old?.ToJsonString() ?? "null"} → {c.New?.ToJsonString() ?? "null"}"));
    }
}
