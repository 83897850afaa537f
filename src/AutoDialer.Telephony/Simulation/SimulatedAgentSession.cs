using System.Globalization;
using AutoDialer.Core.Events;
using AutoDialer.Core.StoredWords;
using AutoDialer.Core.Telephony;
using AutoDialer.Core.Telephony.Udesk;

namespace AutoDialer.Telephony.Simulation;

/// <summary>
/// One simulated agent: its state, its phone's current call, its number sources, and its connection. All
/// state changes happen under the call center's lock; answers are delayed outside it.
/// </summary>
internal sealed class SimulatedAgentSession : IAgentSession
{
    private readonly SimulatedCallCenter _center;
    private readonly IReadOnlyList<NumberSource> _sources;
    private NumberSourceRef? _selected;
    private long _wrapUpGeneration;
    private int _requests;

    public SimulatedAgentSession(SimulatedCallCenter center, string agentId, AgentState initialState, IReadOnlyList<NumberSource> sources)
    {
        _center = center;
        AgentId = agentId;
        State = initialState;
        _sources = sources;
        _selected = sources.Count > 0 ? new NumberSourceRef(sources[0].Type, sources[0].Id) : null;
    }

    public string AgentId { get; }

    internal AgentState State { get; private set; }

    internal string? SubState { get; private set; }

    internal bool Connected { get; private set; } = true;

    internal SimulatedCall? Call { get; private set; }

    private SimulatorOptions Options => _center.Options;

    private CustomerBehaviour Customers => _center.Options.Customers;

    public async Task<VendorResult<MakeCallAccepted>> MakeCallAsync(MakeCallRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        cancellationToken.ThrowIfCancellationRequested();
        VendorResult<MakeCallAccepted> result;
        TimeSpan latency;
        lock (_center.Gate)
        {
            _center.ThrowIfDisposed();
            var count = _center.CountMakeCall(request.BusinessId);
            if (!Connected)
            {
                _center.CounterSet.MakeCallErrors++;
                return VendorResult<MakeCallAccepted>.NoSession();
            }

            var draws = CallDraws.Draw(Options, StableRandom.Create(Options.Seed, "call", request.BusinessId, Invariant(count)));
            latency = draws.Latency;
            result = Place(request, draws);
            if (!result.IsSuccess)
            {
                _center.CounterSet.MakeCallErrors++;
            }
        }

        return await _center.RespondAsync(result, latency, VendorResult<MakeCallAccepted>.Timeout, cancellationToken).ConfigureAwait(false);
    }

    public Task<VendorResult> HangupAsync(string callId, CancellationToken cancellationToken) =>
        Request("HangupAsync", VendorResult.NoSession, VendorResult.Timeout, cancellationToken, () =>
        {
            if (Call is not { } call || call.CallId != callId)
            {
                return VendorResult.Failure(SimulatorCodes.NoSuchCall, "no such call on this agent");
            }

            Clear(call, call.Phase == CallPhase.Talking ? HangupCauses.NormalClearing : HangupCauses.OriginatorCancel);
            return VendorResult.Success();
        });

    public Task<VendorResult> SetAgentStateAsync(AgentState state, string? subState, CancellationToken cancellationToken) =>
        Request("SetAgentStateAsync", VendorResult.NoSession, VendorResult.Timeout, cancellationToken, () =>
        {
            if (state == AgentState.Unknown)
            {
                return VendorResult.Failure(SimulatorCodes.InvalidState, "unknown agent state");
            }

            if (Call is not null)
            {
                return VendorResult.Failure(SimulatorCodes.InCall, "the agent is in a call");
            }

            _wrapUpGeneration++; // a state set during wrap-up ends it
            if (state != State || subState != SubState)
            {
                ChangeState(state, subState);
            }

            return VendorResult.Success();
        });

    public Task<VendorResult<NumberSourceList>> GetNumberPoolAndSpNumAsync(NumberSourceType type, CancellationToken cancellationToken) =>
        Request("GetNumberPoolAndSpNumAsync", VendorResult<NumberSourceList>.NoSession, VendorResult<NumberSourceList>.Timeout, cancellationToken, () =>
            VendorResult<NumberSourceList>.Success(new NumberSourceList(
                _sources.Where(s => s.Type == type).ToArray(),
                _selected?.Type == type ? _selected.Id : null)));

    public Task<VendorResult> SetSpNumberPoolNumAsync(NumberSourceType type, string id, CancellationToken cancellationToken) =>
        Request("SetSpNumberPoolNumAsync", VendorResult.NoSession, VendorResult.Timeout, cancellationToken, () =>
        {
            if (!_sources.Any(s => s.Type == type && s.Id == id))
            {
                return VendorResult.Failure(SimulatorCodes.UnknownNumberSource, "no such trunk number or number pool for this agent");
            }

            _selected = new NumberSourceRef(type, id);
            return VendorResult.Success();
        });

    public Task<VendorResult<ProviderState>> GetStateAsync(CancellationToken cancellationToken) =>
        Request("GetState", VendorResult<ProviderState>.NoSession, VendorResult<ProviderState>.Timeout, cancellationToken, () =>
            VendorResult<ProviderState>.Success(Call?.ToProviderState(State, SubState)
                // The document's example: empty strings for the call fields when there is no call.
                ?? new ProviderState(AgentStates.ToName(State), SubState ?? "", "idle", "voip", "", "", "", "", "", "")));

    /// <summary>Runs a request's effect now and answers it after the drawn latency.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1068:CancellationToken parameters must come last",
        Justification = "The effect comes last so that every call site reads as a block, as the vendor call it stands for.")]
    private async Task<TResult> Request<TResult>(
        string method, Func<TResult> noSession, Func<TResult> timeout, CancellationToken cancellationToken, Func<TResult> effect)
        where TResult : VendorResult
    {
        cancellationToken.ThrowIfCancellationRequested();
        TResult result;
        TimeSpan latency;
        lock (_center.Gate)
        {
            _center.ThrowIfDisposed();
            if (!Connected)
            {
                return noSession();
            }

            latency = Options.Faults.Latency.Sample(StableRandom.Create(Options.Seed, "request", AgentId, method, Invariant(++_requests)));
            result = effect();
        }

        return await _center.RespondAsync(result, latency, timeout, cancellationToken).ConfigureAwait(false);
    }

    private VendorResult<MakeCallAccepted> Place(MakeCallRequest request, CallDraws draws)
    {
        if (State != AgentState.Idle || Call is not null)
        {
            return VendorResult<MakeCallAccepted>.Failure(VendorCodes.AgentNotIdle, "the agent is not idle");
        }

        if (draws.ErrorRoll < Options.Faults.ErrorRate)
        {
            return VendorResult<MakeCallAccepted>.Failure(SimulatorCodes.Fault, SimulatorCodes.FaultMessage, visible: true);
        }

        var response = Options.NumberRule(request.Number) ?? Customers.Pick(draws.ResponseRoll);
        if (response == CustomerResponse.Invalid)
        {
            return VendorResult<MakeCallAccepted>.Failure(VendorCodes.InvalidNumber, "invalid number", visible: true);
        }

        var displayNumber = DisplayNumbers.For(request, _sources, _selected, draws.PoolPick);
        if (displayNumber is null)
        {
            return VendorResult<MakeCallAccepted>.Failure(SimulatorCodes.UnknownNumberSource, "the caller number or number source is not this agent's");
        }

        var call = new SimulatedCall(draws.CallId, request.BusinessId, request.Number, displayNumber, _center.Time.GetUtcNow(), response, draws);
        Call = call;
        _wrapUpGeneration++;
        _center.CounterSet.CallsPlaced++;
        ChangeState(AgentState.Busy, null);
        Emit(UdeskEventNames.Originated, UdeskPayloads.CallEvent(call, Options.EchoBusinessIdInEvents));
        Progress(call);

        if (draws.DisconnectRoll < Options.Faults.SessionDisconnectRate)
        {
            _center.Timers.Schedule(call.PlannedDuration(Customers) * draws.DisconnectPoint, Disconnect);
        }

        return VendorResult<MakeCallAccepted>.Success(new MakeCallAccepted(request.BusinessId, CallId: null));
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
        Emit(UdeskEventNames.Delivered, UdeskPayloads.CallEvent(call, Options.EchoBusinessIdInEvents));
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
        Emit(UdeskEventNames.Established, UdeskPayloads.CallEvent(call, Options.EchoBusinessIdInEvents));
        After(call, CallPhase.Talking, call.Draws.TalkTime, () => Clear(call, HangupCauses.NormalClearing));
    }

    /// <summary>Releases the call, then keeps the agent busy for its wrap-up before it is idle again.</summary>
    private void Clear(SimulatedCall call, string hangupCause)
    {
        call.Phase = CallPhase.Ended;
        Call = null;
        Emit(UdeskEventNames.ConnectionCleared, UdeskPayloads.CallEvent(call, Options.EchoBusinessIdInEvents, hangupCause));

        var generation = ++_wrapUpGeneration;
        _center.Timers.Schedule(call.Draws.WrapUp, () =>
        {
            if (generation == _wrapUpGeneration && Call is null && State == AgentState.Busy)
            {
                ChangeState(AgentState.Idle, null);
            }
        });
    }

    /// <summary>Schedules a step of the call that only happens if the call is still where it was.</summary>
    private void After(SimulatedCall call, CallPhase expected, TimeSpan due, Action step) =>
        _center.Timers.Schedule(due, () =>
        {
            if (ReferenceEquals(Call, call) && call.Phase == expected)
            {
                step();
            }
        });

    private void ChangeState(AgentState state, string? subState)
    {
        var old = State;
        State = state;
        SubState = subState;
        Emit(UdeskEventNames.AgentStateChanged, UdeskPayloads.AgentStateChanged(state, subState, old));
    }

    private void Disconnect()
    {
        if (!Connected)
        {
            return;
        }

        Connected = false;
        _center.CounterSet.SessionDisconnects++;
        _center.Timers.Schedule(Options.Faults.ReconnectDelay, () =>
        {
            Connected = true;
            // What the workbench reports when it is ready again: the state it finds.
            Emit(UdeskEventNames.Ready, UdeskPayloads.Ready(State, Call is not null));
        });
    }

    internal void Emit(string name, System.Text.Json.JsonElement payload) => _center.Emit(this, name, payload);

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}
