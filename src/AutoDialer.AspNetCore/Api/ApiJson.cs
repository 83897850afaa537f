using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;
using AutoDialer.Core.Campaigns;
using AutoDialer.Core.StoredWords;

namespace AutoDialer.AspNetCore.Api;

/// <summary>
/// The API's JSON: snake_case like the stored campaign settings, enums as names, whatever JSON options the hosting
/// application chose for its own endpoints. Bodies are read strictly: a member the request does not have (a misspelling,
/// an old name) or a member given twice is an error, never skipped, so a setting is not silently left at its default.
/// </summary>
internal static class ApiJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    /// <summary>Makes <paramref name="options"/> match the API (used by <c>serve</c> so its OpenAPI document shows the same names).</summary>
    public static void Apply(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
        // Chinese names and files stay readable in responses; characters that matter to HTML are still escaped.
        options.Encoder = JavaScriptEncoder.Create(UnicodeRanges.All);
        options.DictionaryKeyPolicy = null;
        options.RespectNullableAnnotations = true;
        options.RespectRequiredConstructorParameters = true;
        options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        options.AllowDuplicateProperties = false;
        options.TypeInfoResolver = StrictJsonContract.Over(options.TypeInfoResolver);
        options.Converters.Add(new CallOutcomeJsonConverter());
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false));
    }

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        Apply(options);
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
