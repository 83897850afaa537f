using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;

namespace AutoDialer.Telephony.Bridge;

/// <summary>
/// Commands in flight on one workbench connection: each gets an id and a deadline, and ends with the page's
/// result, the deadline, or the connection's end, whichever comes first. Nothing is ever re-sent.
/// </summary>
internal sealed class BridgeConnection
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource<BridgeReply>> _pending = new(StringComparer.Ordinal);
    private readonly IBridgeTransport _transport;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly string _prefix;
    private long _sequence;
    private volatile bool _closed;

    public BridgeConnection(string agentId, IBridgeTransport transport, TimeProvider time, ILogger logger)
    {
        AgentId = agentId;
        _transport = transport;
        _time = time;
        _logger = logger;
        _prefix = Guid.NewGuid().ToString("N")[..8] + "-";
    }

    /// <summary>
    /// How late a command's deadline may be noticed before this node is taken to have stood still (SIGSTOP, a VM pause, a
    /// stalled host): timers measure wall time, and a frozen process notices them all at once on waking.
    /// </summary>
    public static readonly TimeSpan FreezeTolerance = TimeSpan.FromSeconds(1);

    /// <summary>
    /// After waking past a command's deadline, how long the page's answer, which may have arrived during the freeze and
    /// wait in the socket, has to be read before the command is taken to have timed out.
    /// </summary>
    public static readonly TimeSpan WakeGrace = TimeSpan.FromSeconds(2);

    public string AgentId { get; }

    public bool IsClosed => _closed;

    public int InFlight => _pending.Count;

    /// <summary>
    /// Sends <paramref name="method"/> and waits for its end. Never throws for a bridge failure (the status says
    /// what is known); throws only when <paramref name="cancellationToken"/> is cancelled.
    /// </summary>
    public Task<BridgeReply> InvokeAsync(string method, JsonNode? args, TimeSpan timeout, CancellationToken cancellationToken) =>
        InvokeAsync(method, args, _time.GetUtcNow() + timeout, cancellationToken);

    /// <summary>
    /// Sends <paramref name="method"/> with an absolute <paramref name="deadline"/> (the page runs it only before then) and
    /// waits for its end until that deadline. A command whose deadline has already passed is not sent at all
    /// (<see cref="BridgeReplyStatus.Expired"/>): a node that froze between its check and the send must not dial on waking.
    /// </summary>
    public Task<BridgeReply> InvokeAsync(string method, JsonNode? args, DateTimeOffset deadline, CancellationToken cancellationToken) =>
        InvokeAsync(method, args, deadline, deadline, cancellationToken);

    /// <summary>
    /// As <see cref="InvokeAsync(string, JsonNode?, DateTimeOffset, CancellationToken)"/>, but waits for the page's answer
    /// until <paramref name="answerBy"/> (not before <paramref name="deadline"/>): a make-call must start by its deadline,
    /// and its answer, or the page's word that the vendor placed it late and it hung it up, may come a while after.
    /// </summary>
    public async Task<BridgeReply> InvokeAsync(string method, JsonNode? args, DateTimeOffset deadline, DateTimeOffset answerBy,
        CancellationToken cancellationToken)
    {
        if (answerBy < deadline) answerBy = deadline;
        cancellationToken.ThrowIfCancellationRequested();
        if (_time.GetUtcNow() >= deadline)
        {
            _logger.LogWarning("Bridge command {Method} for agent {AgentId} not sent: its deadline {Deadline:O} has passed", method, AgentId, deadline);
            return BridgeReply.Of(BridgeReplyStatus.Expired);
        }

        if (_closed)
        {
            return BridgeReply.Of(BridgeReplyStatus.NotSent);
        }

        var id = _prefix + Interlocked.Increment(ref _sequence).ToString(CultureInfo.InvariantCulture);
        // The page's result ends the span: inside a make-call span, it is that attempt's bridge command.
        using var span = AutoDialer.Core.AutoDialerTelemetry.Tracing.StartActivity("autodialer.bridge.command")?.SetTag("autodialer.bridge.method", method);
        var completion = new TaskCompletionSource<BridgeReply>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = completion;
        if (_closed)
        {
            // Closed between the check and the registration: Close may not have seen this entry.
            _pending.TryRemove(id, out _);
            return BridgeReply.Of(BridgeReplyStatus.NotSent);
        }

        try
        {
            await _transport.SendAsync(BridgeProtocol.CommandMessage(id, method, args, deadline), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // A failed send may still have put bytes on the wire; if the page got it, its result is ignored.
            _pending.TryRemove(id, out _);
            _logger.LogWarning(exception, "Bridge command {Method} for agent {AgentId} could not be sent", method, AgentId);
            return BridgeReply.Of(BridgeReplyStatus.NotSent);
        }

        try
        {
            var timeout = answerBy - _time.GetUtcNow();
            return await completion.Task.WaitAsync(timeout > TimeSpan.Zero ? timeout : TimeSpan.Zero, _time, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is TimeoutException || (exception is OperationCanceledException && cancellationToken.IsCancellationRequested))
        {
            // The deadline, or the caller's own timeout (Polly's make-call timeout cancels the token), may have fired late.
            if (await AnswerInHandAsync(completion.Task, answerBy).ConfigureAwait(false) is { } answered)
            {
                _logger.LogWarning("Bridge command {Method} ({CommandId}) for agent {AgentId}: its answer ({Status}) was taken although its timeout fired, late, after a freeze of this node",
                    method, id, AgentId, answered.Status);
                return answered;
            }

            if (exception is OperationCanceledException)
            {
                throw;
            }

            _logger.LogWarning("Bridge command {Method} ({CommandId}) for agent {AgentId} got no result by {AnswerBy:O}", method, id, AgentId, answerBy);
            return BridgeReply.Of(BridgeReplyStatus.TimedOut);
        }
        finally
        {
            _pending.TryRemove(id, out _);
        }
    }

    /// <summary>
    /// The page's answer, when it is in hand although a timeout fired: already completed, or, when the timeout fired more
    /// than <see cref="FreezeTolerance"/> past the deadline (this node stood still), read within <see cref="WakeGrace"/>
    /// (the page answered during the freeze, and its answer waits in the socket for the receive loop). A timeout that fired
    /// on time leaves no grace: an answer after the deadline is late, and the page hangs up a call placed after it.
    /// </summary>
    private async Task<BridgeReply?> AnswerInHandAsync(Task<BridgeReply> answer, DateTimeOffset deadline)
    {
        if (answer.IsCompletedSuccessfully)
        {
            return answer.Result;
        }

        if (!WokeFromFreeze(deadline, _time.GetUtcNow()))
        {
            return null;
        }

        try
        {
            return await answer.WaitAsync(WakeGrace, _time, CancellationToken.None).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            return null;
        }
    }

    /// <summary>Whether a timeout noticed at <paramref name="noticedAt"/> for <paramref name="deadline"/> fired late by more than a timer's
    /// jitter: the process was not running at the deadline.</summary>
    public static bool WokeFromFreeze(DateTimeOffset deadline, DateTimeOffset noticedAt) => noticedAt - deadline > FreezeTolerance;

    /// <summary>A result from the page. One for a command that already ended (late, or unknown) is logged and dropped.</summary>
    public bool Complete(string id, BridgeReplyStatus status, JsonElement value)
    {
        if (_pending.TryRemove(id, out var completion))
        {
            return completion.TrySetResult(new BridgeReply(status, value.ValueKind == JsonValueKind.Undefined ? default : value.Clone()));
        }

        _logger.LogWarning("Bridge result {CommandId} ({Status}) from agent {AgentId} matches no command in flight; ignored", id, status, AgentId);
        return false;
    }

    /// <summary>Ends the connection: commands in flight end as <see cref="BridgeReplyStatus.Lost"/>, new ones are not sent.</summary>
    public void Close()
    {
        _closed = true;
        foreach (var id in _pending.Keys)
        {
            if (_pending.TryRemove(id, out var completion))
            {
                completion.TrySetResult(BridgeReply.Of(BridgeReplyStatus.Lost));
            }
        }
    }
}
