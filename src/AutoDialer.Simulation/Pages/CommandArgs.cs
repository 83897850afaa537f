using System.Globalization;
using System.Text.Json;

namespace AutoDialer.Simulation.Pages;

/// <summary>Lenient reads of a command's arguments, as an SDK method reads what it is given.</summary>
internal static class CommandArgs
{
    public static JsonElement At(JsonElement args, int index) =>
        args.ValueKind == JsonValueKind.Array && args.GetArrayLength() > index ? args[index] : default;

    public static string? String(JsonElement obj, string name)
    {
        if (obj.ValueKind != JsonValueKind.Object || !obj.TryGetProperty(name, out var value))
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            _ => null,
        };
    }

    public static string? NonEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    public static int? Int(JsonElement obj, string name) =>
        int.TryParse(String(obj, name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;

    public static JsonElement Object(JsonElement obj, string name) =>
        obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object ? value : default;

    public static string? Text(JsonElement value) => value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
