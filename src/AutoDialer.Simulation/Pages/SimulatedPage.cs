using System.Buffers;
using System.Collections.Concurrent;
using System.Globalization;
using System.Net.WebSockets;
using System.Text.Json;
using System.Text.Json.Nodes;
using AutoDialer.Core.StoredWords;
using AutoDialer.Core.Telephony.Meiqia;
using AutoDialer.Core.Telephony.Udesk;
using AutoDialer.Simulation.Calls;
using AutoDialer.Simulation.Vendors;
using AutoDialer.Telephony.Bridge;

namespace AutoDialer.Simulation.Pages;

/// <summary>
/// One agent's workbench page with <c>autodialer-bridge.js</c> attached, speaking what the script speaks over a real
/// WebSocket: a fresh bridge token and a <c>hello</c> per connection; after the <c>welcome</c>, every event still
/// unacknowledged in seq order, then new ones; a <c>result</c> for each command (<c>expired</c> past its deadline),
/// a <c>pong</c> for each ping; no message for three heartbeats ends the connection; reconnects with jittered
/// exponential backoff, to the next dialer node when a node does not answer; stops for good only when replaced.
/// </summary>
/// <remarks>On top of today's script: each event carries <c>seq</c> (1, 2, … per page, never reset) and stays in
/// the <see cref="PageOutbox"/> until the server answers <c>ack { seqs }</c> or <c>refused { seq, reason }</c>. The agent's
/// side, as <see cref="SimulationOptions.Habits"/> says: the card of each call (<c>call</c>) is seen, a preview offer
/// (<c>offer</c>) dialled, skipped or left to its countdown, and after a call's end a disposition sent
/// (<c>request disposition</c>), now and then also one for a call that is not the agent's, on purpose; each answer goes
/// to the truth log.</remarks>
internal sealed class SimulatedPage : IDisposable
{
    /// <summary>The script's socket path, relative to the dialer's URL.</summary>
    public const string SocketPath = "autodialer/bridge";

    public const string Ack = "ack";
    public const string Refused = "refused";

    /// <summary>Silence for this many heartbeats means the connection is dead (the script's watchdog).</summary>
    public const int HeartbeatsMissed = 3;

    public static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(10);
    public static readonly TimeSpan CloseTimeout = TimeSpan.FromSeconds(2);

    private readonly SimulationOptions _options;
    private readonly IPageDialect _dialect;
    private readonly BridgeTokenClient _tokens;
    private readonly SimulationCounters _counters;
    private readonly TruthLog _truth;
    private readonly TimeProvider _time;
    private readonly object _eventGate = new();
    private readonly PageCallState _callState = new();
    private readonly TimerSet _faultTimers;
    private readonly PageEventFaults _faults;
    private readonly Random _backoff;
    private readonly object _welcomeGate = new();
    private TaskCompletionSource _welcomed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _welcomes;
    private readonly int _homeIndex;
    private int _urlIndex;
    private long _clockOffsetMs;
    private long _transmissions;
    private volatile ClientWebSocket? _socket;
    private volatile SemaphoreSlim? _sendLock;

    private readonly object _deskGate = new();
    private readonly TimerSet _deskTimers;
    private readonly Dictionary<string, List<(string Code, string Effect)>> _codes = new(StringComparer.Ordinal);
    private readonly HashSet<string> _dialled = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, PendingDisposition> _requests = new(StringComparer.Ordinal);
    private long _requestSeq;

    /// <summary>Since when the phone is idle (a timestamp of the page's clock); null while it is not. Under the phone's lock.</summary>
    private long? _idleSince;

    public SimulatedPage(int index, AgentPhone phone, IPageDialect dialect, SimulationOptions options, BridgeTokenClient tokens, SimulationCounters counters,
        TruthLog truth, TimeProvider time)
    {
        Phone = phone;
        _dialect = dialect;
        _options = options;
        _tokens = tokens;
        _counters = counters;
        _truth = truth;
        _time = time;
        _homeIndex = _urlIndex = index % options.DialerUrls.Count;
        _backoff = StableRandom.Create(options.Seed, "backoff", phone.AgentId);
        Outbox = new PageOutbox(options.OutboxCapacity);
        _faultTimers = new TimerSet(time, _eventGate);
        _faults = new PageEventFaults(options.Faults, options.Seed, phone.AgentId, _faultTimers, counters, Enqueue);
        _deskTimers = new TimerSet(time, _deskGate);
        phone.Happened = OnHappened;
    }

    public string AgentId => Phone.AgentId;

    public AgentPhone Phone { get; }

    public PageOutbox Outbox { get; }

    /// <summary>The current session's id from its welcome; null while disconnected.</summary>
    public string? SessionId { get; private set; }

    /// <summary>Why the last connection ended or failed.</summary>
    public string? LastError { get; private set; }

    public int Welcomes => Volatile.Read(ref _welcomes);

    /// <summary>Awaited before every connection attempt; tests hold a page offline with it.</summary>
    public Func<CancellationToken, Task> BeforeConnect { get; set; } = _ => Task.CompletedTask;

    /// <summary>Completes once the page has been welcomed <paramref name="count"/> times in all.</summary>
    public async Task WaitForWelcomesAsync(int count, CancellationToken cancellationToken)
    {
        while (true)
        {
            Task next;
            lock (_welcomeGate)
            {
                if (_welcomes >= count)
                {
                    return;
                }

                next = _welcomed.Task;
            }

            await next.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Connects and reconnects until <paramref name="stop"/>, then closes as a page does.</summary>
    public async Task RunAsync(CancellationToken stop)
    {
        var attempt = 0;
        while (!stop.IsCancellationRequested)
        {
            var dialer = _options.DialerUrls[_urlIndex % _options.DialerUrls.Count];
            var welcomed = false;
            try
            {
                var (wasWelcomed, replaced) = await SessionAsync(dialer, stop).ConfigureAwait(false);
                welcomed = wasWelcomed;
                if (replaced)
                {
                    // Another window took over this agent: reconnecting would take it back and forth forever.
                    LastError = "replaced by another session of this agent";
                    return;
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                // A page survives anything the network or the dialer does; it says why and tries again.
                LastError = exception.Message;
            }

            if (!welcomed)
            {
                _counters.ConnectFailed();
                _urlIndex++;
            }
            else
            {
                // A session that ended after its welcome reconnects to its own node first, as behind a load balancer
                // with affinity: a node that was down gets its agents back once their sockets next drop.
                _urlIndex = _homeIndex;
                attempt = 0;
            }

            var cap = Math.Min(_options.ReconnectMax.TotalMilliseconds, _options.ReconnectMin.TotalMilliseconds * Math.Pow(2, attempt));
            attempt = Math.Min(attempt + 1, 30);
            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(cap / 2 + _backoff.NextDouble() * cap / 2), _time, stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Aborts the current connection, as a network failure would (tests, <c>--fault-drop-socket</c>).</summary>
    public void DropSocket() => _socket?.Abort();

    private async Task<(bool Welcomed, bool Replaced)> SessionAsync(Uri dialer, CancellationToken stop)
    {
        await BeforeConnect(stop).ConfigureAwait(false);
        var token = await _tokens.FetchAsync(dialer, AgentId, stop).ConfigureAwait(false);
        using var socket = new ClientWebSocket();
        // Liveness is the protocol's own ping/pong, as in a browser.
        socket.Options.KeepAliveInterval = TimeSpan.Zero;
        using (var connect = CancellationTokenSource.CreateLinkedTokenSource(stop))
        {
            connect.CancelAfter(ConnectTimeout);
            await socket.ConnectAsync(SocketUri(dialer), connect.Token).ConfigureAwait(false);
        }

        _socket = socket;
        using var sendLock = new SemaphoreSlim(1, 1);
        _sendLock = sendLock;
        using var session = CancellationTokenSource.CreateLinkedTokenSource(stop);
        var heartbeat = _options.DefaultHeartbeat;
        var welcomed = false;
        Task sending = Task.CompletedTask;
        var buffer = new ArrayBufferWriter<byte>(4096);
        try
        {
            await SendAsync(socket, sendLock, Messages.Hello(token, _dialect.Provider, AgentId), stop).ConfigureAwait(false);
            while (true)
            {
                JsonElement? received;
                using (var watchdog = CancellationTokenSource.CreateLinkedTokenSource(session.Token))
                {
                    watchdog.CancelAfter(heartbeat * HeartbeatsMissed);
                    try
                    {
                        received = await ReceiveAsync(socket, buffer, watchdog.Token).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException) when (!stop.IsCancellationRequested)
                    {
                        LastError = "no heartbeat";
                        return (welcomed, false);
                    }
                }

                if (received is not { } message)
                {
                    LastError = $"closed by the server: {socket.CloseStatus} {socket.CloseStatusDescription}";
                    return (welcomed, (int?)socket.CloseStatus == BridgeProtocol.CloseReplaced);
                }

                switch (Messages.Text(message, "type"))
                {
                    case BridgeProtocol.Welcome:
                        SessionId = Messages.Text(message, "sessionId");
                        if (message.TryGetProperty("serverTime", out var serverTime) && serverTime.TryGetInt64(out var serverMs))
                        {
                            Volatile.Write(ref _clockOffsetMs, serverMs - _time.GetUtcNow().ToUnixTimeMilliseconds());
                        }

                        if (message.TryGetProperty("heartbeatMs", out var beat) && beat.TryGetInt64(out var beatMs) && beatMs > 0)
                        {
                            heartbeat = TimeSpan.FromMilliseconds(beatMs);
                        }

                        if (!welcomed)
                        {
                            welcomed = true;
                            _callState.Welcomed(SessionId ?? "");
                            Welcome();
                            sending = SendEventsAsync(socket, sendLock, session.Token);
                        }

                        break;
                    case BridgeProtocol.Ping:
                        await SendAsync(socket, sendLock, Messages.Pong(message), session.Token).ConfigureAwait(false);
                        break;
                    case BridgeProtocol.Command when _options.MakeCallDelay > TimeSpan.Zero && IsMakeCall(message):
                        // A slow vendor: the SDK answers the make-call (and places the call) only after the delay, while the
                        // page goes on answering pings and commands. The vendor places it even if this bridge socket drops
                        // meanwhile (the SDK's own connection is not the bridge's): only the answer is lost then.
                        _ = RespondLaterAsync(socket, sendLock, message.Clone(), stop, session.Token);
                        break;
                    case BridgeProtocol.Command:
                        await SendAsync(socket, sendLock, Messages.Result(Messages.Text(message, "id") ?? "", Execute(message)), session.Token).ConfigureAwait(false);
                        break;
                    case Ack:
                        if (message.TryGetProperty("seqs", out var seqs) && seqs.ValueKind == JsonValueKind.Array)
                        {
                            Outbox.Ack(seqs.EnumerateArray().Where(s => s.ValueKind == JsonValueKind.Number).Select(s => s.GetInt64()));
                        }

                        break;
                    case Refused:
                        if (message.TryGetProperty("seq", out var seq) && seq.TryGetInt64(out var refused))
                        {
                            Outbox.Refuse(refused);
                            LastError = "event refused: " + Messages.Text(message, "reason");
                        }

                        break;
                    case BridgeProtocol.Call:
                        if (message.TryGetProperty("card", out var card))
                        {
                            Saw(card);
                            _counters.AgentSide.ScreenPop();
                        }

                        break;
                    case BridgeProtocol.Offer:
                        Offered(message);
                        break;
                    case BridgeProtocol.Reply:
                        Replied(message);
                        break;
                    case BridgeProtocol.Rejected:
                        _counters.Rejected();
                        LastError = "the server refused a message: " + Messages.Text(message, "reason");
                        break;
                }
            }
        }
        catch (WebSocketException exception)
        {
            LastError = "connection lost: " + exception.Message;
            return (welcomed, false);
        }
        finally
        {
            SessionId = null;
            _socket = null;
            _sendLock = null;
            await session.CancelAsync().ConfigureAwait(false);
            try
            {
                await sending.ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is OperationCanceledException or WebSocketException or ObjectDisposedException)
            {
                // The connection is ending; the receive side reports why.
            }

            if (stop.IsCancellationRequested && socket.State == WebSocketState.Open)
            {
                using var closing = new CancellationTokenSource(CloseTimeout);
                try
                {
                    await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "closed by the page", closing.Token).ConfigureAwait(false);
                }
                catch (Exception exception) when (exception is OperationCanceledException or WebSocketException)
                {
                    // Gone already.
                }
            }
        }
    }

    private void Welcome()
    {
        TaskCompletionSource welcomed;
        bool again;
        lock (_welcomeGate)
        {
            again = _welcomes++ > 0;
            welcomed = _welcomed;
            _welcomed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        _counters.Connected(again);
        welcomed.TrySetResult();
    }

    /// <summary>From the welcome on: every event still in the outbox, in seq order, then each new one.</summary>
    private async Task SendEventsAsync(ClientWebSocket socket, SemaphoreSlim sendLock, CancellationToken cancellationToken)
    {
        long sent = 0;
        var reported = false;
        while (!cancellationToken.IsCancellationRequested)
        {
            if (reported)
            {
                await Outbox.WaitAfterAsync(sent, cancellationToken).ConfigureAwait(false);
            }

            var (entries, upTo) = Outbox.After(sent);
            foreach (var entry in entries)
            {
                await SendAsync(socket, sendLock, entry.Message, cancellationToken).ConfigureAwait(false);
                _counters.EventSent();
                var transmission = Interlocked.Increment(ref _transmissions);
                if (_options.Faults.DropSocketRate > 0
                    && StableRandom.Create(_options.Seed, "drop-socket", AgentId, transmission.ToString(CultureInfo.InvariantCulture)).NextDouble() < _options.Faults.DropSocketRate)
                {
                    _counters.SocketDropped();
                    socket.Abort();
                    return;
                }

                if (_options.Faults.ReloadRate > 0
                    && StableRandom.Create(_options.Seed, "reload", AgentId, transmission.ToString(CultureInfo.InvariantCulture)).NextDouble() < _options.Faults.ReloadRate)
                {
                    _counters.Reloaded(_options.Faults.ReloadForgetsOutbox ? Outbox.Forget() : 0);
                    _callState.Forget(makeCalls: _options.Faults.ReloadForgetsOutbox);
                    socket.Abort();
                    return;
                }
            }

            sent = upTo;
            if (!reported)
            {
                // After the outbox's resends, what the agent is doing: the new session answers from it at once.
                reported = true;
                await SendCallStateAsync(socket, sendLock, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static bool IsMakeCall(JsonElement command) =>
        Messages.Text(command, "method") is UdeskMethodNames.MakeCall or MeiqiaMethodNames.Call;

    /// <summary>
    /// A make-call the vendor answers after <see cref="SimulationOptions.MakeCallDelay"/>. Run only if it arrived before
    /// its deadline; if the vendor placed the call after the deadline, the page hangs it up at once and answers
    /// <c>late</c>, as the bridge script does: the server stopped waiting, and an operator's change it held back may
    /// already have answered.
    /// </summary>
    private async Task RespondLaterAsync(ClientWebSocket socket, SemaphoreSlim sendLock, JsonElement command, CancellationToken stop,
        CancellationToken cancellationToken)
    {
        try
        {
            var id = Messages.Text(command, "id") ?? "";
            if (PastDeadline(command))
            {
                await SendAsync(socket, sendLock, Messages.Result(id, Execute(command)), cancellationToken).ConfigureAwait(false);
                return;
            }

            // Handed to the SDK now: the vendor places it after the delay even if this socket drops meanwhile.
            Handed(command);
            await Task.Delay(_options.MakeCallDelay, _time, stop).ConfigureAwait(false);
            _counters.Command(expired: false);
            var reply = _dialect.Execute(Messages.Text(command, "method") ?? "", command.TryGetProperty("args", out var args) ? args : default, Phone);
            if (reply.Status == CommandReply.Resolved && PastDeadline(command))
            {
                Phone.Hangup(null);
                _counters.PlacedLate();
                reply = new CommandReply(CommandReply.Late, new JsonObject { ["Message"] = "the vendor placed the call after its deadline; the page hung it up" });
            }

            await SendAsync(socket, sendLock, Messages.Result(id, reply), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException or ObjectDisposedException)
        {
            // The session ended meanwhile: the server counts the command lost.
        }
    }

    /// <summary>Whether now, on the server's clock as the welcome told it, is past the command's deadline.</summary>
    private bool PastDeadline(JsonElement command) =>
        command.TryGetProperty("deadline", out var deadline) && deadline.TryGetInt64(out var deadlineMs)
        && _time.GetUtcNow().ToUnixTimeMilliseconds() + Volatile.Read(ref _clockOffsetMs) > deadlineMs;

    private CommandReply Execute(JsonElement command)
    {
        var method = Messages.Text(command, "method") ?? "";
        if (PastDeadline(command))
        {
            // The server has given up on it already; running it now could dial a call nobody waits for.
            _counters.Command(expired: true);
            return new CommandReply(CommandReply.Expired, null);
        }

        _counters.Command(expired: false);
        Handed(command);
        return _dialect.Execute(method, command.TryGetProperty("args", out var args) ? args : default, Phone);
    }

    /// <summary>A make-call handed to the SDK goes in the page's record of its make-calls, before the SDK runs it.</summary>
    private void Handed(JsonElement command)
    {
        if (IsMakeCall(command) && _dialect.BusinessIdOf(command.TryGetProperty("args", out var args) ? args : default) is { } businessId)
        {
            _callState.Handed(businessId);
        }
    }

    /// <summary>Under the phone's lock: the call center's record and the run's counters, then the SDK's events for what
    /// happened, stamped now, through the faults.</summary>
    private void OnHappened(PhoneEvent happened)
    {
        _truth.Record(AgentId, happened);
        Count(happened);
        WorkTheDesk(happened);
        var timestamp = happened.At.ToUnixTimeMilliseconds() + Volatile.Read(ref _clockOffsetMs);
        var events = _dialect.EventsOf(happened);
        lock (_eventGate)
        {
            foreach (var vendorEvent in events)
            {
                _faults.Deliver(vendorEvent, timestamp);
            }
        }

        if (_callState.Follow(happened, events, timestamp))
        {
            ReportCallState();
        }
    }

    /// <summary>Make-calls per business id across the run, and each make-call's wait since its agent became idle (the
    /// moment the event that tells the dialer so happened).</summary>
    private void Count(PhoneEvent happened)
    {
        switch (happened)
        {
            case PhoneReady ready:
                _idleSince = ready.State == AgentState.Idle ? _time.GetTimestamp() : null;
                break;
            case PhoneStateChanged changed:
                _idleSince = changed.State == AgentState.Idle ? _time.GetTimestamp() : null;
                break;
            case MakeCallReceived received:
                _counters.Dialled(received.Request.BusinessId);
                if (_idleSince is { } idleSince)
                {
                    _counters.IdleToMakeCall.Record(_time.GetElapsedTime(idleSince));
                    _idleSince = null;
                }

                break;
        }
    }

    /// <summary>Under the phone's lock: the page remembers its calls, and after a call's end types the disposition its habits say.</summary>
    private void WorkTheDesk(PhoneEvent happened)
    {
        lock (_deskGate)
        {
            switch (happened)
            {
                case MakeCallReceived received:
                    _dialled.Add(received.Request.BusinessId);
                    break;
                case PhoneCallStep { Phase: CallPhase.Ended, Call: var call }:
                    if (_options.Habits.Plan(_options.Seed, call.BusinessId, call.AnsweredAt is not null) is not { } plan
                        || !_codes.Remove(call.BusinessId, out var codes)
                        || codes.FirstOrDefault(c => c.Effect == plan.Effect.ToName()) is not { Code: not null } chosen)
                    {
                        _codes.Remove(call.BusinessId);
                        break;
                    }

                    _deskTimers.Schedule(plan.TypingTime, () =>
                    {
                        var callbackAt = plan.CallbackAfter is { } after ? ServerNow() + after : (DateTimeOffset?)null;
                        RecordDisposition(call.BusinessId, chosen.Code, chosen.Effect, callbackAt, own: true, plan.Note);
                        if (plan.ForeignOffset is { } offset && long.TryParse(call.BusinessId, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
                            && id > offset && !_dialled.Contains((id - offset).ToString(CultureInfo.InvariantCulture)))
                        {
                            RecordDisposition((id - offset).ToString(CultureInfo.InvariantCulture), chosen.Code, chosen.Effect, callbackAt, own: false, plan.Note);
                        }
                    });
                    break;
            }
        }
    }

    /// <summary>The codes a card offers, kept until the call's end.</summary>
    private void Saw(JsonElement card)
    {
        if (Messages.Text(card, "attemptId") is not { } attemptId || !card.TryGetProperty("dispositions", out var dispositions)) return;
        var codes = dispositions.ValueKind == JsonValueKind.Array
            ? dispositions.EnumerateArray().Select(d => (Messages.Text(d, "code") ?? "", Messages.Text(d, "effect") ?? "")).ToList()
            : [];
        lock (_deskGate)
        {
            _codes[attemptId] = codes;
        }
    }

    /// <summary>A preview offer: dialled, skipped or left to the countdown, after the agent's thinking time.</summary>
    private void Offered(JsonElement offer)
    {
        if (Messages.Text(offer, "attemptId") is not { } attemptId) return;
        if (offer.TryGetProperty("card", out var card)) Saw(card);
        var skipAllowed = offer.TryGetProperty("skipAllowed", out var allowed) && allowed.ValueKind == JsonValueKind.True;
        var (choice, after) = _options.Habits.Preview(_options.Seed, attemptId);
        _counters.AgentSide.Offered(choice);
        if (choice == PreviewChoice.Ignore) return;
        var decision = choice == PreviewChoice.Skip && skipAllowed ? "skip" : "dial";
        lock (_deskGate)
        {
            _deskTimers.Schedule(after, () => Send(Messages.Request(NextRequestId(), BridgeProtocol.PreviewMethod, w =>
            {
                w.WriteString("attemptId", attemptId);
                w.WriteString("decision", decision);
            })));
        }
    }

    /// <summary>Asks the dialer to record a disposition; its answer goes to the truth log (<see cref="Replied"/>).</summary>
    private void RecordDisposition(string businessId, string code, string effect, DateTimeOffset? callbackAt, bool own, string note)
    {
        var id = NextRequestId();
        _requests[id] = new PendingDisposition(businessId, code, effect, callbackAt, own);
        if (!Send(Messages.Request(id, BridgeProtocol.DispositionMethod, w =>
            {
                w.WriteString("attemptId", businessId);
                w.WriteString("code", code);
                if (callbackAt is { } at) w.WriteNumber("callbackAt", at.ToUnixTimeMilliseconds());
                w.WriteString("note", note);
            })))
        {
            // Not connected: the agent's note is lost, as with a page that gave up waiting.
            _requests.TryRemove(id, out _);
        }
    }

    private void Replied(JsonElement reply)
    {
        if (Messages.Text(reply, "id") is not { } id || !_requests.TryRemove(id, out var pending)) return;
        var ok = reply.TryGetProperty("ok", out var okay) && okay.ValueKind == JsonValueKind.True;
        var reason = ok || !reply.TryGetProperty("error", out var error) ? null : Messages.Text(error, "code");
        _truth.Disposition(pending.BusinessId, AgentId, pending.Code, pending.Effect, pending.CallbackAt, pending.Own, ok, reason, ServerNow());
        if (!pending.Own) _counters.AgentSide.Foreign(ok);
        else if (ok) _counters.AgentSide.Recorded(pending.Code, pending.CallbackAt is not null);
        else _counters.AgentSide.Refused();
    }

    private string NextRequestId() => "sim-" + Interlocked.Increment(ref _requestSeq).ToString(CultureInfo.InvariantCulture);

    private DateTimeOffset ServerNow() => _time.GetUtcNow() + TimeSpan.FromMilliseconds(Volatile.Read(ref _clockOffsetMs));

    /// <summary>Sends on the current connection, if there is one; false when the page is not connected.</summary>
    private bool Send(byte[] message)
    {
        var (socket, sendLock) = (_socket, _sendLock);
        if (socket is null || sendLock is null || SessionId is null) return false;
        _ = Task.Run(async () =>
        {
            try
            {
                await SendAsync(socket, sendLock, message, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is WebSocketException or ObjectDisposedException or InvalidOperationException)
            {
                // The connection ended meanwhile: no answer will come, and none is expected.
            }
        });
        return true;
    }

    /// <summary>The agent's call state changed: told to the current session, if there is one (the next is told at its welcome).</summary>
    private void ReportCallState()
    {
        var (socket, sendLock) = (_socket, _sendLock);
        if (socket is null || sendLock is null || SessionId is null) return;
        _ = Task.Run(async () =>
        {
            try
            {
                await SendCallStateAsync(socket, sendLock, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is WebSocketException or ObjectDisposedException or InvalidOperationException)
            {
                // The connection ended meanwhile: the next session is told at its welcome.
            }
        });
    }

    /// <summary>The call state as it is when the send lock is held, so that reports sent one after another end with the latest.</summary>
    private async Task SendCallStateAsync(ClientWebSocket socket, SemaphoreSlim sendLock, CancellationToken cancellationToken)
    {
        await sendLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await socket.SendAsync(_callState.Message(AgentId), WebSocketMessageType.Text, endOfMessage: true, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            sendLock.Release();
        }
    }

    private sealed record PendingDisposition(string BusinessId, string Code, string Effect, DateTimeOffset? CallbackAt, bool Own);

    private void Enqueue(VendorEvent vendorEvent, long timestamp) =>
        Outbox.Add(vendorEvent.Name, seq => Messages.Event(AgentId, vendorEvent, timestamp, seq));

    private static async Task SendAsync(ClientWebSocket socket, SemaphoreSlim sendLock, byte[] message, CancellationToken cancellationToken)
    {
        await sendLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await socket.SendAsync(message, WebSocketMessageType.Text, endOfMessage: true, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            sendLock.Release();
        }
    }

    /// <summary>One whole text message as JSON; null when the server closed.</summary>
    private static async Task<JsonElement?> ReceiveAsync(ClientWebSocket socket, ArrayBufferWriter<byte> buffer, CancellationToken cancellationToken)
    {
        buffer.ResetWrittenCount();
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer.GetMemory(4096), cancellationToken).ConfigureAwait(false);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return null;
            }

            buffer.Advance(result.Count);
            if (result.EndOfMessage)
            {
                break;
            }
        }

        try
        {
            using var document = JsonDocument.Parse(buffer.WrittenMemory);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            // The script ignores what it cannot parse.
            return JsonDocument.Parse("{}").RootElement.Clone();
        }
    }

    private static Uri SocketUri(Uri dialer)
    {
        var builder = new UriBuilder(new Uri(BridgeTokenClient.WithSlash(dialer), SocketPath))
        {
            Scheme = dialer.Scheme == Uri.UriSchemeHttps ? "wss" : "ws",
            Query = "",
            Fragment = "",
        };
        return builder.Uri;
    }

    public void Dispose()
    {
        _deskTimers.Dispose();
        _faultTimers.Dispose();
        Phone.Dispose();
    }
}
