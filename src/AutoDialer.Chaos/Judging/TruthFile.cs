using System.Text.Json;

namespace AutoDialer.Chaos.Judging;

/// <summary>A make-call the call center received (<c>kind: dial</c>); <see cref="Refused"/> says why no call was placed.</summary>
internal sealed record TruthDial(string BusinessId, string Agent, string Number, string? CallerNumber, DateTimeOffset At, string? Refused)
{
    public bool Placed => Refused is null;
}

/// <summary>A call's end (<c>kind: end</c>) with its true outcome.</summary>
internal sealed record TruthEnd(string BusinessId, string Outcome, double RingSeconds, double TalkSeconds, DateTimeOffset At);

/// <summary>
/// A disposition a page asked for (<c>kind: disposition</c>) and the dialer's answer; <see cref="Own"/> says whether the
/// page took the call to be its agent's (simulated pages try others' on purpose: the dialer must refuse those).
/// </summary>
internal sealed record TruthDisposition(string BusinessId, string Agent, string Code, bool Own, bool Accepted, string? Reason, DateTimeOffset At)
{
    /// <summary>The code's effect (<c>do_not_call</c>, <c>callback</c>, …), as the card named it; null in an older record.</summary>
    public string? Effect { get; init; }
}

/// <summary>The call center's record as read back from a <see cref="Simulation.Pages.TruthLog"/> file (<c>simulate --truth</c>).</summary>
internal sealed record TruthFile(IReadOnlyList<TruthDial> Dials, IReadOnlyList<TruthEnd> Ends)
{
    /// <summary>The dispositions the pages asked for, in the order they were answered.</summary>
    public IReadOnlyList<TruthDisposition> Dispositions { get; init; } = [];

    /// <summary>Reads every line; a last line cut short by a process that died mid-write is skipped, any other
    /// unreadable line is an error (the record must be whole to judge by it).</summary>
    public static TruthFile Parse(IReadOnlyList<string> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var dials = new List<TruthDial>();
        var ends = new List<TruthEnd>();
        var dispositions = new List<TruthDisposition>();
        for (var i = 0; i < lines.Count; i++)
        {
            if (lines[i].Length == 0)
            {
                continue;
            }

            JsonElement line;
            try
            {
                line = JsonDocument.Parse(lines[i]).RootElement;
            }
            catch (JsonException) when (i == lines.Count - 1)
            {
                continue;
            }
            catch (JsonException e)
            {
                throw new FormatException($"truth line {i + 1} is not JSON: {e.Message}", e);
            }

            switch (Text(line, "kind"))
            {
                case "dial":
                    dials.Add(new TruthDial(Required(line, "business_id", i), Required(line, "agent", i), Required(line, "number", i),
                        Text(line, "caller_number"), line.GetProperty("at").GetDateTimeOffset(), Text(line, "refused")));
                    break;
                case "end":
                    ends.Add(new TruthEnd(Required(line, "business_id", i), Required(line, "outcome", i),
                        line.GetProperty("ring_seconds").GetDouble(), line.GetProperty("talk_seconds").GetDouble(), line.GetProperty("at").GetDateTimeOffset()));
                    break;
                case "disposition":
                    dispositions.Add(new TruthDisposition(Required(line, "business_id", i), Required(line, "agent", i), Required(line, "code", i),
                        line.GetProperty("own").GetBoolean(), line.GetProperty("accepted").GetBoolean(), Text(line, "reason"),
                        line.GetProperty("at").GetDateTimeOffset()) { Effect = Text(line, "effect") });
                    break;
                default:
                    throw new FormatException($"truth line {i + 1} has no known kind: {lines[i]}");
            }
        }

        return new TruthFile(dials, ends) { Dispositions = dispositions };
    }

    public static async Task<TruthFile> ReadAsync(string path, CancellationToken cancellationToken)
    {
        // FileShare.ReadWrite: the simulator may still hold the file open for writing.
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        var lines = new List<string>();
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            lines.Add(line);
        }

        return Parse(lines);
    }

    private static string? Text(JsonElement line, string name) =>
        line.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string Required(JsonElement line, string name, int index) =>
        Text(line, name) ?? throw new FormatException($"truth line {index + 1} has no {name}");
}
