using System.Text.Json;
using AutoDialer.Core.StoredWords;
using AutoDialer.Core.Telephony;
using AutoDialer.Simulation.Calls;

namespace AutoDialer.Simulation.Pages;

/// <summary>
/// The call center's own record, one JSON object per line (<c>--truth FILE</c>): every make-call received
/// (<c>kind: dial</c>) and every call's end (<c>kind: end</c>) with its true outcome. Each line is flushed when
/// written, so a judge can read the file while the run goes on.
/// </summary>
internal sealed class TruthLog : IDisposable
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

    /// <summary>What the call center's record keeps of what happened on <paramref name="agentId"/>'s phone: each
    /// make-call placed or refused, and each call's end with its true outcome.</summary>
    internal void Record(string agentId, PhoneEvent happened)
    {
        switch (happened)
        {
            case MakeCallRefused { Code: VendorCodes.InvalidNumber } refused:
                // No call, but an end all the same: the number's fate is known.
                Dial(refused.Request.BusinessId, agentId, refused.Request.Number, null, refused.At);
                End(refused.Request.BusinessId, CallOutcomes.Invalid, 0, 0, refused.At);
                break;
            case MakeCallRefused refused:
                Dial(refused.Request.BusinessId, agentId, refused.Request.Number, null, refused.At, refused.Code);
                break;
            case PhoneCallStep { Phase: CallPhase.Placed, Call: var call }:
                Dial(call.BusinessId, agentId, call.Number, call.DisplayNumber, call.PlacedAt);
                break;
            case PhoneCallStep { Phase: CallPhase.Ended, Call: var call } ended:
                var answered = call.AnsweredAt;
                End(call.BusinessId, TruthOutcome.Of(answered is not null, ended.HangupCause),
                    ((answered ?? ended.At) - call.PlacedAt).TotalSeconds, answered is { } a ? (ended.At - a).TotalSeconds : 0, ended.At);
                break;
        }
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

    /// <summary>
    /// A disposition the page asked for and the dialer's answer: <paramref name="own"/> says whether the page took the call
    /// to be its agent's (it tries some that are not, on purpose: the dialer must refuse them); <paramref name="callbackAt"/>
    /// the callback time it asked for.
    /// </summary>
    public void Disposition(string businessId, string agent, string code, string effect, DateTimeOffset? callbackAt, bool own, bool accepted,
        string? reason, DateTimeOffset at) =>
        Write(new Dictionary<string, object?>
        {
            ["kind"] = "disposition",
            ["business_id"] = businessId,
            ["agent"] = agent,
            ["code"] = code,
            ["effect"] = effect,
            ["callback_at"] = callbackAt,
            ["own"] = own,
            ["accepted"] = accepted,
            ["reason"] = reason,
            ["at"] = at,
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
