using System.Globalization;
using System.Text.Json;
using AutoDialer.Core.Telephony.Meiqia;

namespace AutoDialer.Telephony.Meiqia;

/// <summary>
/// Reads Meiqia Open API answers, as leniently as <see cref="MeiqiaAssumptions"/> describes (envelopes and
/// <c>ExpireTime</c> formats the document leaves open), and fails with
/// <see cref="MeiqiaOpenApiError.MalformedResponse"/> on anything else.
/// </summary>
internal static class MeiqiaOpenApiReader
{
    public static IReadOnlyList<MeiqiaAgent> Agents(JsonElement root)
    {
        var list = Unwrap(root, e => e.ValueKind == JsonValueKind.Array)
            ?? throw Malformed("the agent list is not a JSON array (bare or under data)");
        var agents = new List<MeiqiaAgent>();
        foreach (var item in list.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Object || Text(item, "agent_id") is not { Length: > 0 } agentId)
            {
                continue;
            }

            agents.Add(new MeiqiaAgent(
                agentId,
                Text(item, "ent_id"),
                Text(item, "real_name"),
                Text(item, "answer_way"),
                Text(item, "out_number"),
                Text(item, "register_status"),
                Text(item, "worker_status"),
                Instant(Field(item, "effective_at")),
                Instant(Field(item, "expiration_at"))));
        }

        return agents;
    }

    public static MeiqiaSdkToken Login(string agentId, JsonElement root, DateTimeOffset now)
    {
        var body = Unwrap(root, e => e.ValueKind == JsonValueKind.Object && Field(e, "Token") is not null)
            ?? throw Malformed("the login answer has no Token");
        var token = Text(body, "Token");
        if (string.IsNullOrEmpty(token))
        {
            throw Malformed("the login answer's Token is empty");
        }

        return new MeiqiaSdkToken(agentId, token, now, ExpiresAt(Field(body, "ExpireTime"), now));
    }

    /// <summary><c>ExpireTime</c> read as <see cref="MeiqiaAssumptions"/> describes.</summary>
    public static DateTimeOffset ExpiresAt(JsonElement? expireTime, DateTimeOffset now)
    {
        var text = expireTime is { } e
            ? e.ValueKind switch
            {
                JsonValueKind.String => e.GetString(),
                JsonValueKind.Number => e.GetRawText(),
                _ => null,
            }
            : null;

        if (string.IsNullOrWhiteSpace(text))
        {
            return now + MeiqiaAssumptions.FallbackLifetime;
        }

        if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number))
        {
            var at = number switch
            {
                <= 0 => now + MeiqiaAssumptions.FallbackLifetime,
                < MeiqiaAssumptions.LifetimeSecondsThreshold => now + TimeSpan.FromSeconds(number),
                > MeiqiaAssumptions.UnixMillisecondsThreshold => DateTimeOffset.FromUnixTimeMilliseconds(number),
                _ => DateTimeOffset.FromUnixTimeSeconds(number),
            };
            return at > now ? at : now + MeiqiaAssumptions.FallbackLifetime;
        }

        var styles = DateTimeStyles.AllowWhiteSpaces;
        if (DateTime.TryParse(text, CultureInfo.InvariantCulture, styles, out var local)
            && !HasOffset(text))
        {
            var at = new DateTimeOffset(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), MeiqiaAssumptions.ChinaStandardTime);
            return at > now ? at : now + MeiqiaAssumptions.FallbackLifetime;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, styles, out var withOffset))
        {
            return withOffset > now ? withOffset : now + MeiqiaAssumptions.FallbackLifetime;
        }

        return now + MeiqiaAssumptions.FallbackLifetime;
    }

    /// <summary>
    /// A seat's <c>effective_at</c> / <c>expiration_at</c> ("string", no format given): a number is Unix seconds (or
    /// milliseconds above <see cref="MeiqiaAssumptions.UnixMillisecondsThreshold"/>), text a date in China Standard Time
    /// unless it names an offset; null when absent, zero or unreadable (no limit).
    /// </summary>
    public static DateTimeOffset? Instant(JsonElement? value)
    {
        var text = value is { } e
            ? e.ValueKind switch
            {
                JsonValueKind.String => e.GetString(),
                JsonValueKind.Number => e.GetRawText(),
                _ => null,
            }
            : null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number))
        {
            return number switch
            {
                <= 0 => null,
                > MeiqiaAssumptions.UnixMillisecondsThreshold => DateTimeOffset.FromUnixTimeMilliseconds(number),
                _ => DateTimeOffset.FromUnixTimeSeconds(number),
            };
        }

        var styles = DateTimeStyles.AllowWhiteSpaces;
        if (!HasOffset(text) && DateTime.TryParse(text, CultureInfo.InvariantCulture, styles, out var local))
        {
            return new DateTimeOffset(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), MeiqiaAssumptions.ChinaStandardTime);
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, styles, out var withOffset) ? withOffset : null;
    }

    private static bool HasOffset(string text) =>
        text.EndsWith('Z') || text.EndsWith('z')
        || (text.Length > 6 && (text[^6] is '+' or '-') && text[^3] == ':');

    private static JsonElement? Unwrap(JsonElement root, Func<JsonElement, bool> wanted)
    {
        if (wanted(root))
        {
            return root;
        }

        if (root.ValueKind == JsonValueKind.Object)
        {
            foreach (var name in MeiqiaAssumptions.EnvelopeDataFields)
            {
                if (root.TryGetProperty(name, out var inner) && wanted(inner))
                {
                    return inner;
                }
            }
        }

        return null;
    }

    private static JsonElement? Field(JsonElement obj, string name)
    {
        if (obj.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        if (obj.TryGetProperty(name, out var exact))
        {
            return exact;
        }

        foreach (var property in obj.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return property.Value;
            }
        }

        return null;
    }

    private static string? Text(JsonElement obj, string name) => Field(obj, name) is { } value
        ? value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            _ => null,
        }
        : null;

    private static MeiqiaOpenApiException Malformed(string message) => new(MeiqiaOpenApiError.MalformedResponse, "Meiqia Open API: " + message);
}
