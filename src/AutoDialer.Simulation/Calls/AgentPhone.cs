using AutoDialer.Core.Events;
using AutoDialer.Core.StoredWords;
using AutoDialer.Core.Telephony;

namespace AutoDialer.Simulation.Calls;

/// <summary>
/// One agent's phone at the simulated call center: the one call model both simulators run — the in-process call
/// center (<see cref="InProcess.SimulatedAgentSession"/>, in accelerated time) and the page simulator
/// (<see cref="Pages.SimulatedPage"/>, in real time). It holds the agent's state and wrap-up, its number sources, and
/// its current call, whose course is decided when it is placed: the number's rule or the customers' behaviour picks the
/// response, <see cref="CallDraws"/> the times. Everything that happens is handed to <see cref="Happened"/> under the
/// phone's lock, in the order it happens; the simulators name and shape it as their vendor's events
/// (<see cref="Vendors.UdeskEvents"/>, <see cref="Vendors.MeiqiaEvents"/>), the page's truth log records it.
/// </summary>
/// <remarks>
/// A call, once placed: AgentStateChanged idle→busy and the call placed at once; then either the call cleared
/// (USER_BUSY or NORMAL_TEMPORARY_FAILURE) after the early-release delay, or ringing after the post-dial delay followed
/// by the answer and, after the talk time, the call cleared (NORMAL_CLEARING), or cleared by the customer
/// (CALL_REJECTED) or after the ring timeout (NO_ANSWER); after the wrap-up time, AgentStateChanged busy→idle. An
/// invalid number, a busy agent, an injected fault or a number source that is not the agent's are refused by the
/// make-call itself: no call, no call event.
/// </remarks>
internal sealed class AgentPhone : IDisposable
{
    private readonly object _gate;
    private readonly TimerSet _timers;
    private readonly TimeProvider _time;
    private readonly CallDrawSource _draws;
    private readonly Func<string, CustomerResponse?> _numberRule;
    private readonly IReadOnlyList<NumberSource> _sources;
    private NumberSourceRef? _selected;
    private SimulatedCall? _call;
    private long _wrapUpGeneration;

    /// <param name="gate">The lock every change and every <see cref="Happened"/> runs under: the phone's own, or one
    /// the phone shares with its call center.</param>
    /// <param name="draws">Where make-calls get their draws (see <see cref="MakeCall(MakeCallRequest)"/>).</param>
    public AgentPhone(string agentId, AgentState initialState, IReadOnlyList<NumberSource> sources, CallDrawSource draws,
        Func<string, CustomerResponse?> numberRule, TimeProvider time, object gate)
    {
        AgentId = agentId;
        State = initialState;
        _sources = sources;
        _selected = sources.Count > 0 ? new NumberSourceRef(sources[0].Type, sources[0].Id) : null;
        _draws = draws;
        _numberRule = numberRule;
        _time = time;
        _gate = gate;
        _timers = new TimerSet(time, gate);
    }

    public string AgentId { get; }

    /// <summary>Receives every event, in the order they happen, under the phone's lock.</summary>
    public Action<PhoneEvent> Happened { get; set; } = _ => { };

    /// <summary>Sees every event after <see cref="Happened"/> has (tests wait on it instead of polling).</summary>
    public event Action<PhoneEvent>? Observed;

    public AgentState State { get; private set; }

    public string? SubState { get; private set; }

    /// <summary>Make-calls received, whatever their answer.</summary>
    public long MakeCalls { get; private set; }

    public long CallsPlaced { get; private set; }

    public long CallsEnded { get; private set; }

    public SimulatedCall? CurrentCall
    {
        get
        {
            lock (_gate)
            {
                return _call;
            }
        }
    }

    public NumberSourceRef? Selected
    {
        get
        {
            lock (_gate)
            {
                return _selected;
            }
        }
    }

    private CustomerBehaviour Customers => _draws.Customers;

    /// <summary>The workbench is (again) ready: it reports the state it finds.</summary>
    public void Ready()
    {
        lock (_gate)
        {
            Raise(new PhoneReady(_time.GetUtcNow(), State, SelectedNumber() ?? "", PhoneBusy: _call is not null));
        }
    }

    /// <summary>A make-call with the next draws of its business id from this phone's <see cref="CallDrawSource"/>.</summary>
    public PhoneAnswer MakeCall(MakeCallRequest request)
    {
        lock (_gate)
        {
            return MakeCall(request, _draws.Next(request.BusinessId));
        }
    }

    /// <summary>Places the call <paramref name="draws"/> decide, or refuses it.</summary>
    /// <param name="faultRate">Share of make-calls the vendor refuses as a fault (<see cref="SimulatorCodes.Fault"/>), by the draws' error roll.</param>
    public PhoneAnswer MakeCall(MakeCallRequest request, CallDraws draws, double faultRate = 0)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(draws);
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            MakeCalls++;
            Raise(new MakeCallReceived(now, request));
            if (State != AgentState.Idle || _call is not null)
            {
                return Refuse(now, request, VendorCodes.AgentNotIdle, "the agent is not idle");
            }

            if (draws.ErrorRoll < faultRate)
            {
                return Refuse(now, request, SimulatorCodes.Fault, SimulatorCodes.FaultMessage, visible: true);
            }

            var response = _numberRule(request.Number) ?? Customers.Pick(draws.ResponseRoll);
            if (response == CustomerResponse.Invalid)
            {
                return Refuse(now, request, VendorCodes.InvalidNumber, "invalid number", visible: true);
            }

            if (DisplayNumbers.For(request, _sources, _selected, draws.PoolPick) is not { } displayNumber)
            {
                return Refuse(now, request, SimulatorCodes.UnknownNumberSource, "the caller number or number source is not this agent's");
            }

            var call = new SimulatedCall(draws.CallId, request.BusinessId, request.Number, displayNumber, now, response, draws);
            _call = call;
            _wrapUpGeneration++;
            CallsPlaced++;
            ChangeState(AgentState.Busy, null);
            Raise(new PhoneCallStep(now, CallPhase.Placed, call));
            Progress(call);
            return PhoneAnswer.Placed(call);
        }
    }

    /// <summary>Ends the call <paramref name="callId"/>, or the current call when it is null (Meiqia's <c>hangup()</c>).</summary>
    public PhoneAnswer Hangup(string? callId)
    {
        lock (_gate)
        {
            if (_call is not { } call || (callId is not null && call.CallId != callId))
            {
                return PhoneAnswer.Refused(SimulatorCodes.NoSuchCall, "no such call on this agent");
            }

            Clear(call, call.Phase == CallPhase.Talking ? HangupCauses.NormalClearing : HangupCauses.OriginatorCancel);
            return PhoneAnswer.Done;
        }
    }

    public PhoneAnswer SetState(AgentState state, string? subState)
    {
        lock (_gate)
        {
            if (state == AgentState.Unknown)
            {
                return PhoneAnswer.Refused(SimulatorCodes.InvalidState, "unknown agent state");
            }

            if (_call is not null)
            {
                return PhoneAnswer.Refused(SimulatorCodes.InCall, "the agent is in a call");
            }

            _wrapUpGeneration++; // a state set during wrap-up ends it
            if (state != State || subState != SubState)
            {
                ChangeState(state, subState);
            }

            return PhoneAnswer.Done;
        }
    }

    /// <summary>The agent's trunk numbers or number pools, and which of them is selected.</summary>
    public NumberSourceList Sources(NumberSourceType type)
    {
        lock (_gate)
        {
            return new NumberSourceList(_sources.Where(s => s.Type == type).ToArray(), _selected?.Type == type ? _selected.Id : null);
        }
    }

    public PhoneAnswer Select(NumberSourceType type, string id)
    {
        lock (_gate)
        {
            if (!_sources.Any(s => s.Type == type && s.Id == id))
            {
                return PhoneAnswer.Refused(SimulatorCodes.UnknownNumberSource, "no such trunk number or number pool for this agent");
            }

            _selected = new NumberSourceRef(type, id);
            return PhoneAnswer.Done;
        }
    }

    private string? SelectedNumber() =>
        _selected is null ? null : _sources.FirstOrDefault(s => s.Type == _selected.Type && s.Id == _selected.Id)?.Numbers is { Count: > 0 } numbers ? numbers[0] : null;

    private PhoneAnswer Refuse(DateTimeOffset now, MakeCallRequest request, string code, string message, bool visible = false)
    {
        Raise(new MakeCallRefused(now, request, code));
        return PhoneAnswer.Refused(code, message, visible);
    }

    private void Progress(SimulatedCall call)
    {
        var draws = call.Draws;
        switch (call.Response)
        {
            case CustomerResponse.Busy:
                After(call, CallPhase.Placed, draws.EarlyRelease, () => Clear(call, HangupCauses.UserBusy));
                break;
            case CustomerResponse.Fail:
                After(call, CallPhase.Placed, draws.EarlyRelease, () => Clear(call, HangupCauses.NormalTemporaryFailure));
                break;
            default:
                After(call, CallPhase.Placed, draws.PostDialDelay, () => Ring(call));
                break;
        }
    }

    private void Ring(SimulatedCall call)
    {
        call.Phase = CallPhase.Ringing;
        Raise(new PhoneCallStep(_time.GetUtcNow(), CallPhase.Ringing, call));
        if (call.AnswerAfter(Customers) is { } answer)
        {
            After(call, CallPhase.Ringing, answer, () => Answer(call));
        }
        else if (call.RejectAfter(Customers) is { } reject)
        {
            After(call, CallPhase.Ringing, reject, () => Clear(call, HangupCauses.CallRejected));
        }
        else
        {
            After(call, CallPhase.Ringing, Customers.RingTimeout, () => Clear(call, HangupCauses.NoAnswer));
        }
    }

    private void Answer(SimulatedCall call)
    {
        call.Phase = CallPhase.Talking;
        call.AnsweredAt = _time.GetUtcNow();
        Raise(new PhoneCallStep(call.AnsweredAt.Value, CallPhase.Talking, call));
        After(call, CallPhase.Talking, call.Draws.TalkTime, () => Clear(call, HangupCauses.NormalClearing));
    }

    /// <summary>Releases the call, then keeps the agent busy for its wrap-up before it is idle again.</summary>
    private void Clear(SimulatedCall call, string hangupCause)
    {
        call.Phase = CallPhase.Ended;
        _call = null;
        CallsEnded++;
        Raise(new PhoneCallStep(_time.GetUtcNow(), CallPhase.Ended, call, hangupCause));

        var generation = ++_wrapUpGeneration;
        _timers.Schedule(call.Draws.WrapUp, () =>
        {
            if (generation == _wrapUpGeneration && _call is null && State == AgentState.Busy)
            {
                ChangeState(AgentState.Idle, null);
            }
        });
    }

    /// <summary>Schedules a step of the call that only happens if the call is still where it was.</summary>
    private void After(SimulatedCall call, CallPhase expected, TimeSpan due, Action step) =>
        _timers.Schedule(due, () =>
        {
            if (ReferenceEquals(_call, call) && call.Phase == expected)
            {
                step();
            }
        });

    private void ChangeState(AgentState state, string? subState)
    {
        var old = State;
        State = state;
        SubState = subState;
        Raise(new PhoneStateChanged(_time.GetUtcNow(), state, subState, old));
    }

    private void Raise(PhoneEvent happened)
    {
        Happened(happened);
        Observed?.Invoke(happened);
    }

    /// <summary>Cancels the steps still to come: the calls on this phone stop where they are.</summary>
    public void Dispose() => _timers.Dispose();
}
