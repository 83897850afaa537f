using System.Text.Json;
using System.Text.Json.Serialization;

namespace AutoDialer.Core.StoredWords;

/// <summary>Writes <see cref="CallOutcome"/> as its wire name, also as a dictionary key (retry delays are keyed by outcome).</summary>
internal sealed class CallOutcomeJsonConverter : JsonConverter<CallOutcome>
{
    public override CallOutcome Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        // Numbers are refused: the numeric values are not a contract (see CallOutcome).
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException($"A call outcome must be a string, not {reader.TokenType}.");
        }

        return Parse(reader.GetString());
    }

    public override void Write(Utf8JsonWriter writer, CallOutcome value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToName());

    public override CallOutcome ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        Parse(reader.GetString());

    public override void WriteAsPropertyName(Utf8JsonWriter writer, CallOutcome value, JsonSerializerOptions options) =>
        writer.WritePropertyName(value.ToName());

    private static CallOutcome Parse(string? text) =>
        CallOutcomes.TryParse(text, out var outcome)
            ? outcome
            : throw new JsonException($"'{text}' is not a call outcome.");
}
