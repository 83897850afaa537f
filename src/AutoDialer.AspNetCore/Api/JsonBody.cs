using System.Text.Json;
using AutoDialer.Core.Campaigns;
using Microsoft.AspNetCore.Http;

namespace AutoDialer.AspNetCore.Api;

/// <summary>
/// Reads a JSON request body into <typeparamref name="T"/>, or says precisely what is wrong with it as a
/// validation problem keyed by the field's path (<c>settings.retry.max_attempts</c>), never a bare 400. A member
/// <typeparamref name="T"/> does not have is such a problem (<see cref="ApiJson"/> reads strictly), named by its path
/// with the members that object does have.
/// </summary>
internal static class JsonBody
{
    /// <summary>The problem of a member the body left out (shared: nothing writes to it).</summary>
    private static readonly string[] RequiredProblem = ["Required."];

    public static async Task<(T? Value, IResult? Problem)> ReadAsync<T>(HttpRequest request) where T : class
    {
        if (!request.HasJsonContentType())
            return (null, Problems.UnsupportedMediaType("application/json"));
        try
        {
            var value = await JsonSerializer.DeserializeAsync<T>(request.Body, ApiJson.Options, request.HttpContext.RequestAborted);
            return value is null ? (null, Problems.Invalid("", "A JSON object is required.")) : (value, null);
        }
        catch (JsonException e) when (MissingRequired(e) is { Count: > 0 } missing)
        {
            var parent = FieldOf(e.Path);
            return (null, Problems.Invalid(missing.ToDictionary(
                name => parent.Length == 0 ? name : $"{parent}.{name}", _ => RequiredProblem)));
        }
        catch (JsonException e) when (IsUnknownMember(e))
        {
            var field = FieldOf(e.Path);
            return (null, Problems.Invalid(field, NotAMember(typeof(T), field)));
        }
        catch (JsonException e)
        {
            return (null, Problems.Invalid(FieldOf(e.Path), Describe(e)));
        }
        catch (SettingsValidationException e)
        {
            return (null, Problems.Invalid(e.Errors));
        }
    }

    /// <summary><c>$.settings.retry['max_attempts']</c> → <c>settings.retry.max_attempts</c>.</summary>
    internal static string FieldOf(string? path)
    {
        if (string.IsNullOrEmpty(path) || path == "$") return "";
        var field = path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
        return field.Replace("['", ".").Replace("']", "").TrimStart('.');
    }

    // System.Text.Json reports missing required members only in its message: "…missing required properties including: 'a', 'b'."
    private static List<string> MissingRequired(JsonException e)
    {
        const string marker = "missing required properties including:";
        var at = e.Message.IndexOf(marker, StringComparison.Ordinal);
        if (at < 0) return [];
        var list = e.Message[(at + marker.Length)..];
        var end = list.IndexOf(". ", StringComparison.Ordinal);
        if (end >= 0) list = list[..end];
        return list.Split(',').Select(n => n.Trim().TrimEnd('.').Trim('\'')).Where(n => n.Length > 0).ToList();
    }

    // System.Text.Json names the member only in its message: "The JSON property 'x' could not be mapped to any .NET member…"
    private static bool IsUnknownMember(JsonException e) =>
        e.Message.Contains("could not be mapped to any .NET member", StringComparison.Ordinal);

    private static string NotAMember(Type body, string field)
    {
        var parent = field.LastIndexOf('.') is var dot and >= 0 ? field[..dot] : "";
        var members = JsonMemberNames.At(body, parent, ApiJson.Options);
        return members.Count == 0 ? "Not a member here." : $"Not a member here. The members here are: {string.Join(", ", members)}.";
    }

    private static string Describe(JsonException e)
    {
        // System.Text.Json's messages name .NET types and end with the path and position; keep the useful middle.
        var message = e.Message;
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        if (cut > 0) message = message[..cut];
        if (message.Contains("could not be converted to", StringComparison.Ordinal))
            return "The value has the wrong type or format.";
        if (message.StartsWith("Duplicate propert", StringComparison.Ordinal))
            return "Given more than once.";
        return message;
    }
}
