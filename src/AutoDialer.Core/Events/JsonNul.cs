using System.Text;
using System.Text.Json;

namespace AutoDialer.Core.Events;

/// <summary>
/// NUL characters (U+0000, written <c>\u0000</c>) in a JSON document's strings and property names: PostgreSQL can hold
/// them neither in jsonb nor in text, and no vendor means anything by one.
/// </summary>
internal static class JsonNul
{
    /// <summary>
    /// Whether any string or property name of <paramref name="element"/> holds a NUL. Read from the text as written, so a
    /// string .NET cannot read (a lone surrogate escape) does not throw here.
    /// </summary>
    public static bool In(JsonElement element)
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(element.GetRawText()));
        while (reader.Read())
        {
            if (reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName && reader.ValueIsEscaped && HasNulEscape(reader.ValueSpan))
                return true;
        }
        return false;
    }

    /// <summary>A <c>\u0000</c> among a string's escapes as written (<c>\\u0000</c> is a backslash and "u0000").</summary>
    private static bool HasNulEscape(ReadOnlySpan<byte> escaped)
    {
        for (var i = 0; i < escaped.Length - 1; i++)
        {
            if (escaped[i] != '\\') continue;
            i++;
            if (escaped[i] != 'u') continue;
            if (escaped.Slice(i + 1, 4).SequenceEqual("0000"u8)) return true;
            i += 4;
        }
        return false;
    }

    /// <summary><paramref name="element"/> with every NUL taken out of its strings and property names; the rest as it was.</summary>
    /// <exception cref="InvalidOperationException">A string .NET cannot read (a lone surrogate escape).</exception>
    public static JsonElement Without(JsonElement element)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
            Write(writer, element);
        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        return document.RootElement.Clone();
    }

    private static void Write(Utf8JsonWriter writer, JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (var property in element.EnumerateObject())
                {
                    writer.WritePropertyName(Clean(property.Name));
                    Write(writer, property.Value);
                }
                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in element.EnumerateArray()) Write(writer, item);
                writer.WriteEndArray();
                break;
            case JsonValueKind.String:
                writer.WriteStringValue(Clean(element.GetString()!));
                break;
            default:
                // Numbers as written (not rounded through a double), true, false, null.
                writer.WriteRawValue(element.GetRawText(), skipInputValidation: true);
                break;
        }
    }

    private static string Clean(string text) => text.Replace("\0", "", StringComparison.Ordinal);
}
