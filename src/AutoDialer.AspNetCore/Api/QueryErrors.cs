using System.Globalization;

namespace AutoDialer.AspNetCore.Api;

/// <summary>
/// Parses optional query-string values, collecting a message per bad field so the response can name every one
/// (the framework's own binding would answer a bare 400).
/// </summary>
internal sealed class QueryErrors
{
    private readonly Dictionary<string, string[]> _errors = new(StringComparer.Ordinal);

    public bool Any => _errors.Count > 0;
    public IReadOnlyDictionary<string, string[]> All => _errors;

    public int Int(string field, string? text, int fallback, int min, int max)
    {
        if (string.IsNullOrWhiteSpace(text)) return fallback;
        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
            return value;
        _errors[field] = [$"Must be a whole number from {min} to {max}."];
        return fallback;
    }

    public bool Bool(string field, string? text, bool fallback)
    {
        if (string.IsNullOrWhiteSpace(text)) return fallback;
        if (bool.TryParse(text, out var value)) return value;
        _errors[field] = ["Must be true or false."];
        return fallback;
    }

    public long? Long(string field, string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)) return value;
        _errors[field] = ["Must be a whole number."];
        return null;
    }

    public DateOnly? Date(string field, string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var value)) return value;
        _errors[field] = ["Must be a date written yyyy-MM-dd."];
        return null;
    }

    public DateTimeOffset? Instant(string field, string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value)) return value;
        _errors[field] = ["Must be an ISO 8601 date and time, e.g. 2025-03-01T09:00:00+08:00."];
        return null;
    }

    public string? OneOf(string field, string? text, IReadOnlyCollection<string> allowed)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (allowed.Contains(text)) return text;
        _errors[field] = [$"Must be one of: {string.Join(", ", allowed)}."];
        return null;
    }

    public TimeZoneInfo Zone(string field, string? text, TimeZoneInfo fallback)
    {
        if (string.IsNullOrWhiteSpace(text)) return fallback;
        if (TimeZoneInfo.TryFindSystemTimeZoneById(text, out var zone)) return zone;
        _errors[field] = [$"'{text}' is not a known IANA time zone."];
        return fallback;
    }

    public void Add(string field, string message) => _errors[field] = [message];
}
