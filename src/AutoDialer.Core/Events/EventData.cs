using System.Globalization;
using System.Text.Json;
using AutoDialer.Core.Telephony.Udesk;

namespace AutoDialer.Core.Events;

/// <summary>
/// Reads fields out of raw vendor payloads leniently: a field that is missing, null or of another JSON type
/// than expected reads as null, because payloads come from a page we do not control and must never make
/// the reader throw.
/// </summary>
internal static class EventData
{
    /// <summary>
    /// The object that carries an event's fields: Udesk wraps it in the envelope's <c>Data</c>, as an object
    /// for call events and as a one-element array for <c>AgentStateChanged</c>; Meiqia sends it bare.
    /// </summary>
    public static JsonElement Of(JsonElement payload)
    {
        if (payload.ValueKind != JsonValueKind.Object || !payload.TryGetProperty(UdeskFields.Data, out var data))
        {
            return payload;
        }

        if (data.ValueKind == JsonValueKind.Array)
        {
            return data.GetArrayLength() > 0 ? data[0] : default;
        }

        return data;
    }

    public static string? String(JsonElement obj, string name)
    {
        if (obj.ValueKind != JsonValueKind.Object || !obj.TryGetProperty(name, out var value))
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.String => StringOrNull(value),
            // Udesk's sub-state codes appear as numbers in one place (GetAgentStatesAsync) and strings in another.
            JsonValueKind.Number => value.GetRawText(),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            _ => null,
        };
    }

    /// <summary>
    /// A JSON string can escape a lone UTF-16 surrogate (<c>"\ud800"</c>), which .NET will not read as a string
    /// (GetString throws); such a field reads as missing, and the event store sets the event aside.
    /// </summary>
    private static string? StringOrNull(JsonElement value)
    {
        try
        {
            return value.GetString();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    public static JsonElement Object(JsonElement obj, string name) =>
        obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object
            ? value
            : default;

    public static int? Int(JsonElement obj, string name) =>
        int.TryParse(String(obj, name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;

    public static string? NonEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
