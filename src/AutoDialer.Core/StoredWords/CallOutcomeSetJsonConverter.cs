using System.Text.Json;
using System.Text.Json.Serialization;

namespace AutoDialer.Core.StoredWords;

/// <summary>
/// Reads and writes a set of outcomes as a JSON array. System.Text.Json cannot create an
/// <see cref="IReadOnlySet{T}"/> by itself.
/// </summary>
internal sealed class CallOutcomeSetJsonConverter : JsonConverter<IReadOnlySet<CallOutcome>>
{
    public override IReadOnlySet<CallOutcome> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        new HashSet<CallOutcome>(JsonSerializer.Deserialize<CallOutcome[]>(ref reader, options)
            ?? throw new JsonException("A set of call outcomes must be an array."));

    // Sorted so that equal settings are stored as equal JSON, whatever order the set enumerates in.
    public override void Write(Utf8JsonWriter writer, IReadOnlySet<CallOutcome> value, JsonSerializerOptions options) =>
        JsonSerializer.Serialize(writer, value.Order().ToArray(), options);
}
