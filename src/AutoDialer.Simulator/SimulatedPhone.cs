using System.Globalization;
using AutoDialer.Core.Events;
using AutoDialer.Core.StoredWords;
using AutoDialer.Core.Telephony;
using AutoDialer.Telephony.Simulation;

namespace AutoDialer.Simulator;

/// <summary>
/// One agent's phone at the call center: its state, its current call, its number sources. It lives in the
/// simulator's process, so a call keeps ringing, talking and ending whatever happens to the dialer or the socket;
/// what happens is handed to <see cref="Happened"/> (the page's outbox) and recorded in the truth log. Customers and
/// draws are the in-process simulator's (<see cref="CallDraws"/>, <see cref="CustomerBehaviour"/>), in real time.
/// </summary>
internal sealed class SimulatedPhone : IDisposable
{
    private readonly object _gate = new();
    private readonly SimulatorOptions _draws;
    private readonly IReadOnlyList<NumberSource> _sources;
    private readonly TimeProvider _time;
    private readonly TruthLog _truth;
    private readonly SimulationCounters _counters;
    private readonly TimerSet _timers;
    private readonly Dictionary<string, int> _requests = new(StringComparer.Ordinal);
    private NumberSourceRef? _selected;
    private long _wrapUpGeneration;

    private long? _idleSince;

    public SimulatedPhone(string agentId, SimulationOptions options, TimeProvider time, TruthLog truth, SimulationCounters counters)
    {
        _counters = counters;
        AgentId = agentId;
        _draws = options.DrawOptions();
        _sources = options.NumberSources;
        _selected = _sources.Count > 0 ? new NumberSourceRef(_sources[0].Type, _sources[0].Id) : null;
        _time = time;
        _truth = truth;
        _timers = new TimerSet(time, _gate);
    }

    public string AgentId { get; }

    /// <summary>Receives every event, in the order they happen, under the phone's lock.</summary>
    public Action<PhoneEvent> Happened { get; set; } = _ => { };

    /// <summary>Sees every event after <see cref="Happened"/> has (tests wait on it instead of polling).</summary>
    public event Action<PhoneEvent>? Observed;

    public AgentState State { get; private set; } = AgentState.Idle;

    public string? SubState { get; private set; }

    public long CallsPlaced { get; private set; }

    public long CallsEnded { get; private set; }

    public long MakeCalls { get; private set; }

    private CustomerBehaviour Customers => _draws.Customers;

    /// <summary>The SDK is up: its first event.</summary>
    public void Start()
    {
        lock (_gate)
        {
            _idleSince = State == AgentState.Idle ? _time.GetTimestamp() : null;
            Raise(new PhoneReady(_time.GetUtcNow(), State, SelectedNumber() ?? ""));
        }
    }

    public SimulatedCall? CurrentCall
    {
        get { lock (_gate) return _currentCall; }
    }

    private SimulatedCall? _currentCall;

    private DateTimeOffset? _answeredAt;

    public PhoneAnswer MakeCall(MakeCallRequest request)
    {
        lock (_gate)
        {
            MakeCalls++;
            _counters.Dialled(request.BusinessId);
            if (_idleSince is { } idleSince)
            {
                _counters.IdleToMakeCall.Record(_time.GetElapsedTime(idleSince));
                _idleSince = null;
            }

            var now = _time.GetUtcNow();
            var count = _requests[request.BusinessId] = _requests.GetValueOrDefault(request.BusinessId) + 1;
            var draws = CallDraws.Draw(_draws, StableRandom.Create(_draws.Seed, "call", request.BusinessId, count.ToString(CultureInfo.InvariantCulture)));
            if (State != AgentState.Idle || _currentCall is not null)
            {
                _truth.Dial(request.BusinessId, AgentId, request.Number, null, now, refused: VendorCodes.AgentNotIdle);
                return PhoneAnswer.Refused(VendorCodes.AgentNotIdle, "the agent is not idle");
            }

            var response = _draws.NumberRule(request.Number) ?? Customers.Pick(draws.ResponseRoll);
            if (response == CustomerResponse.Invalid)
            {
                _truth.Dial(request.BusinessId, AgentId, request.Number, null, now);
                _truth.End(request.BusinessId, CallOutcomes.Invalid, 0, 0, now);
                return PhoneAnswer.Refused(VendorCodes.InvalidNumber, "invalid number", visible: true);
            }

            if (DisplayNumbers.For(request, _sources, _selected, draws.PoolPick) is not { } displayNumber)
            {
                _truth.Dial(request.BusinessId, AgentId, request.Number, null, now, refused: SimulatorCodes.UnknownNumberSource);
                return PhoneAnswer.Refused(SimulatorCodes.UnknownNumberSource, "the caller number or number source is not this agent's");
            }

            _truth.Dial(request.BusinessId, AgentId, request.Number, displayNumber, now);
            var call = new SimulatedCall(draws.CallId, request.BusinessId, request.Number, displayNumber, now, response, draws);
            _currentCall = call;
            _answeredAt = null;
            _wrapUpGeneration++;
            CallsPlaced++;
            ChangeState(AgentState.Busy, null);
            Raise(new PhoneCallStep(now, CallPhase.Placed, call));
            Progress(call);
            return PhoneAnswer.Done;
        }
    }

    /// <summary>Ends the call <paramref name="callId"/>, or the current call when it is null (Meiqia's <c>hangup()</c>).</summary>
    public PhoneAnswer Hangup(string? callId)
    {
        lock (_gate)
        {
            if (_currentCall is not { } call || (callId is not null && call.CallId != callId))
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

            if (_currentCall is not null)
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

    public NumberSourceRef? Selected
    {
        get { lock (_gate) return _selected; }
    }

    private string? SelectedNumber() =>
        _selected is null ? null : _sources.FirstOrDefault(s => s.Type == _selected.Type && s.Id == _selected.Id)?.Numbers is { Count: > 0 } numbers ? numbers[0] : null;

    // The steps below are SimulatedAgentSession's, in real time and with the truth recorded at the end.
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
        _answeredAt = _time.GetUtcNow();
        Raise(new PhoneCallStep(_answeredAt.Value, CallPhase.Talking, call));
        After(call, CallPhase.Talking, call.Draws.TalkTime, () => Clear(call, HangupCauses.NormalClearing));
    }

    private void Clear(SimulatedCall call, string hangupCause)
    {
        var now = _time.GetUtcNow();
        var answered = _answeredAt;
        call.Phase = CallPhase.Ended;
        _currentCall = null;
        CallsEnded++;
        Raise(new PhoneCallStep(now, CallPhase.Ended, call, hangupCause));
        _truth.End(call.BusinessId, TruthOutcome.Of(answered is not null, hangupCause),
            ((answered ?? now) - call.PlacedAt).TotalSeconds, answered is { } a ? (now - a).TotalSeconds : 0, now);

        var generation = ++_wrapUpGeneration;
        _timers.Schedule(call.Draws.WrapUp, () =>
        {
            if (generation == _wrapUpGeneration && _currentCall is null && State == AgentState.Busy)
            {
                ChangeState(AgentState.Idle, null);
            }
        });
    }

    private void After(SimulatedCall call, CallPhase expected, TimeSpan due, Action step) =>
        _timers.Schedule(due, () =>
        {
            if (ReferenceEquals(_currentCall, call) && call.Phase == expected)
            {
                step();
            }
        });

    private void ChangeState(AgentState state, string? subState)
    {
        var old = State;
        State = state;
        SubState = subState;
        _idleSince = state == AgentState.Idle ? _time.GetTimestamp() : null;
        Raise(new PhoneStateChanged(_time.GetUtcNow(), state, subState, old));
    }

    private void Raise(PhoneEvent happened)
    {
        Happened(happened);
        Observed?.Invoke(happened);
    }

    public void Dispose() => _timers.Dispose();
}
