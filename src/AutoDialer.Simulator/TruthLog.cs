using System.Text.Json;

namespace AutoDialer.Simulator;

/// <summary>
/// The call center's own record, one JSON object per line (<c>--truth FILE</c>): every make-call received
/// (<c>kind: dial</c>) and every call's end (<c>kind: end</c>) with its true outcome. Each line is flushed when
/// written, so a judge can read the file while the run goes on.
/// </summary>
public sealed class TruthLog : IDisposable
{
    private readonly object _gate = new();
    private readonly TextWriter? _writer;

    private TruthLog(TextWriter? writer) => _writer = writer;

    /// <summary>Writes nothing.</summary>
    public static TruthLog None { get; } = new(null);

    public static TruthLog Create(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read);
        return new TruthLog(new StreamWriter(stream) { AutoFlush = true, NewLine = "\n" });
    }

    /// <summary>A make-call received. <paramref name="callerNumber"/> is the number the customer would see, null
    /// when the call was refused before one was chosen; <paramref name="refused"/> says why no call was placed.</summary>
    public void Dial(string businessId, string agent, string number, string? callerNumber, DateTimeOffset at, string? refused = null) =>
        Write(new Dictionary<string, object?>
        {
            ["kind"] = "dial",
            ["business_id"] = businessId,
            ["agent"] = agent,
            ["number"] = number,
            ["caller_number"] = callerNumber,
            ["at"] = at,
            ["refused"] = refused,
        });

    public void End(string businessId, string outcome, double ringSeconds, double talkSeconds, DateTimeOffset at) =>
        Write(new Dictionary<string, object?>
        {
            ["kind"] = "end",
            ["business_id"] = businessId,
            ["outcome"] = outcome,
            ["ring_seconds"] = Math.Round(ringSeconds, 3),
            ["talk_seconds"] = Math.Round(talkSeconds, 3),
            ["at"] = at,
        });

    private void Write(Dictionary<string, object?> line)
    {
        if (_writer is null)
        {
            return;
        }

        if (line.TryGetValue("refused", out var refused) && refused is null)
        {
            line.Remove("refused");
        }

        var json = JsonSerializer.Serialize(line);
        lock (_gate)
        {
            _writer.WriteLine(json);
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _writer?.Dispose();
        }
    }
}
