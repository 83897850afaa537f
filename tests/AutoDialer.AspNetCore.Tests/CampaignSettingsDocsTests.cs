using System.Text.Json;
using System.Text.RegularExpressions;
using AutoDialer.AspNetCore.Api;
using AutoDialer.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace AutoDialer.AspNetCore.Tests;

/// <summary>
/// docs/campaign-settings.md names every member of the create-campaign and settings bodies, and the API takes exactly
/// those: the test reads the file and the live OpenAPI document (of a host that configures no JSON of its own: the
/// plug-in sets the document's JSON to the API's) and fails on a documented name the schema lacks or a schema member
/// the file leaves out. The README once named caps the API did not have, and the API skipped them: caps off.
/// </summary>
[Collection("postgres")]
public sealed partial class CampaignSettingsDocsTests(PostgresFixture postgres)
{
    private const string CreateOperation = "POST /api/campaigns";
    private const string SettingsOperation = "PUT /api/campaigns/{id}/settings";

    [Fact]
    public async Task The_settings_reference_names_exactly_the_members_the_openapi_document_describes()
    {
        var document = await OpenApiDocumentAsync();
        var reference = File.ReadAllLines(RepositoryFiles.PathOf("docs", "campaign-settings.md"));
        var settings = DocumentedMembers(reference, SettingsOperation);
        var create = DocumentedMembers(reference, CreateOperation).Concat(settings.Select(member => $"settings.{member}"));

        AssertSame(SettingsOperation, settings, SchemaMembers(document, SettingsOperation));
        AssertSame(CreateOperation, create, SchemaMembers(document, CreateOperation));
    }

    [Fact]
    public async Task The_openapi_document_describes_the_settings_body_in_the_api_s_names_and_refuses_other_members()
    {
        var document = await OpenApiDocumentAsync();
        var members = SchemaMembers(document, SettingsOperation);

        Assert.Contains("retry.max_attempts_per_day", members);
        Assert.Contains("frequency_caps.per_caller_number_per_24_hours", members);
        Assert.Contains("schedule.windows[].day", members);
        var settings = Schema(document, SettingsOperation);
        var caps = Resolve(document, settings.GetProperty("properties").GetProperty("frequency_caps").GetProperty("oneOf")
            .EnumerateArray().Single(alternative => alternative.TryGetProperty("$ref", out _)));
        Assert.False(settings.GetProperty("additionalProperties").GetBoolean());
        Assert.False(caps.GetProperty("additionalProperties").GetBoolean());
        Assert.Equal(["per_24_hours", "per_7_days", "per_caller_number_per_24_hours"], caps.GetProperty("required").EnumerateArray().Select(n => n.GetString()).Order());
    }

    private async Task<JsonElement> OpenApiDocumentAsync()
    {
        await using var server = await ApiServer.StartAsync(postgres);
        return await server.GetJsonAsync("openapi/v1.json");
    }

    private static void AssertSame(string operation, IEnumerable<string> documented, IReadOnlyCollection<string> described)
    {
        var documentedSet = documented.ToHashSet(StringComparer.Ordinal);
        var missing = documentedSet.Except(described).Order().ToList();
        var undocumented = described.Except(documentedSet).Order().ToList();
        Assert.True(missing.Count == 0 && undocumented.Count == 0,
            $"{operation}: documented in docs/campaign-settings.md but not in the OpenAPI schema: [{string.Join(", ", missing)}]; " +
            $"in the schema but not documented: [{string.Join(", ", undocumented)}]");
    }

    /// <summary>The first column of every table row in the section whose heading names <paramref name="operation"/>.</summary>
    private static List<string> DocumentedMembers(string[] lines, string operation)
    {
        var heading = Array.FindIndex(lines, line => line.StartsWith('#') && line.Contains($"`{operation}`", StringComparison.Ordinal));
        Assert.True(heading >= 0, $"docs/campaign-settings.md has no heading naming `{operation}`");
        var members = lines.Skip(heading + 1).TakeWhile(line => !line.StartsWith('#'))
            .Select(line => MemberCell().Match(line)).Where(match => match.Success).Select(match => match.Groups[1].Value).ToList();
        Assert.NotEmpty(members);
        return members;
    }

    [GeneratedRegex(@"^\|\s*`([^`]+)`\s*\|")]
    private static partial Regex MemberCell();

    private static JsonElement Schema(JsonElement document, string operation)
    {
        var (method, path) = (operation[..operation.IndexOf(' ')].ToLowerInvariant(), operation[(operation.IndexOf(' ') + 1)..]);
        return Resolve(document, document.GetProperty("paths").GetProperty(path).GetProperty(method)
            .GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("schema"));
    }

    /// <summary>Every member path of the body, <c>schedule.windows[].day</c> style; a dictionary's keys are not members.</summary>
    private static HashSet<string> SchemaMembers(JsonElement document, string operation)
    {
        var members = new HashSet<string>(StringComparer.Ordinal);
        Walk(document, Schema(document, operation), "", members, depth: 0);
        return members;
    }

    private static void Walk(JsonElement document, JsonElement schema, string parent, HashSet<string> members, int depth)
    {
        Assert.True(depth < 20, $"the schema nests deeper than any settings do, at {parent}");
        schema = Resolve(document, schema);
        foreach (var combinator in new[] { "oneOf", "anyOf", "allOf" })
        {
            if (schema.TryGetProperty(combinator, out var alternatives))
                foreach (var alternative in alternatives.EnumerateArray())
                    Walk(document, alternative, parent, members, depth + 1);
        }

        if (schema.TryGetProperty("properties", out var properties))
        {
            foreach (var property in properties.EnumerateObject())
            {
                var path = parent.Length == 0 ? property.Name : $"{parent}.{property.Name}";
                members.Add(path);
                Walk(document, property.Value, path, members, depth + 1);
            }
        }

        if (schema.TryGetProperty("items", out var items))
            Walk(document, items, $"{parent}[]", members, depth + 1);
    }

    private static JsonElement Resolve(JsonElement document, JsonElement schema)
    {
        while (schema.TryGetProperty("$ref", out var reference))
        {
            var target = document;
            foreach (var segment in reference.GetString()!.TrimStart('#', '/').Split('/'))
                target = target.GetProperty(segment.Replace("~1", "/").Replace("~0", "~"));
            schema = target;
        }

        return schema;
    }
}
