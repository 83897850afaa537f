using System.Globalization;
using AutoDialer.Core.Agents;
using AutoDialer.Core.Dispositions;
using AutoDialer.Core.Preview;
using AutoDialer.Core.StoredWords;
using AutoDialer.Core.Telephony;
using AutoDialer.Simulation.Calls;
using AutoDialer.Simulation.Vendors;

namespace AutoDialer.Simulation.InProcess;

/// <summary>
/// One simulated agent as the dialer's port sees it: its <see cref="AgentPhone"/> (the call model), behind the
/// vendor's answers — delayed by the drawn latency, timed out past the response timeout, refused while the session is
/// disconnected — with what happens on the phone emitted as Udesk events. All changes happen under the call center's
/// lock; answers are delayed outside it.
/// </summary>
internal sealed class SimulatedAgentSession : IAgentSession
{
    private readonly SimulatedCallCenter _center;
    private readonly Dictionary<string, CallCard> _cards = new(StringComparer.Ordinal);
    private int _requests;

    public SimulatedAgentSession(SimulatedCallCenter center, string agentId, AgentState initialState, IReadOnlyList<NumberSource> sources)
    {
        _center = center;
        Phone = new AgentPhone(agentId, initialState, sources, center.Draws, Options.NumberRule, center.Time, center.Gate);
        Phone.Happened = happened =>
        {
            foreach (var vendorEvent in UdeskEvents.Of(happened, Options.EchoBusinessIdInEvents))
            {
                center.Emit(this, vendorEvent);
            }

            if (happened is PhoneCallStep { Phase: CallPhase.Ended, Call: var call })
            {
                WrapUp(call);
            }
        };
    }

    public string AgentId => Phone.AgentId;

    /// <summary>
    /// What the vendor's own events have said of the agent, as a real session's tracker reads them: a phone in a call, or
    /// busy with its wrap-up after one, on a break or offline cannot take a call. So a disposition recorded while the
    /// vendor still shows the wrap-up dispatches nothing (the agent's next idle event does), as with the real vendors.
    /// </summary>
    public AgentAvailability Availability
    {
        get
        {
            lock (_center.Gate)
            {
                if (!Connected) return AgentAvailability.Unavailable(AgentUnavailableReasons.SdkDisconnected);
                if (Phone.CurrentCall is not null) return AgentAvailability.Unavailable(AgentUnavailableReasons.InCall);
                return Phone.State switch
                {
                    AgentState.Idle or AgentState.Unknown => AgentAvailability.Available,
                    AgentState.OnBreak => AgentAvailability.Unavailable(AgentUnavailableReasons.OnBreak),
                    AgentState.Offline => AgentAvailability.Unavailable(AgentUnavailableReasons.Offline),
                    _ => AgentAvailability.Unavailable(AgentUnavailableReasons.Busy),
                };
            }
        }
    }

    internal AgentPhone Phone { get; }

    internal AgentState State => Phone.State;

    internal bool Connected { get; private set; } = true;

    private SimulatorOptions Options => _center.Options;

    public async Task<VendorResult<MakeCallAccepted>> MakeCallAsync(MakeCallRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        cancellationToken.ThrowIfCancellationRequested();
        Options.OnMakeCall?.Invoke(request);
        VendorResult<MakeCallAccepted> result;
        TimeSpan latency;
        lock (_center.Gate)
        {
            _center.ThrowIfDisposed();
            _center.CounterSet.MakeCallRequests++;
            var count = _center.Draws.Count(request.BusinessId);
            if (!Connected)
            {
                _center.CounterSet.MakeCallErrors++;
                return VendorResult<MakeCallAccepted>.NoSession();
            }

            var draws = _center.Draws.Draw(request.BusinessId, count);
            latency = draws.Latency;
            var answer = Phone.MakeCall(request, draws, Options.Faults.ErrorRate);
            if (answer.Call is { } call)
            {
                _center.CounterSet.CallsPlaced++;
                if (draws.DisconnectRoll < Options.Faults.SessionDisconnectRate)
                {
                    _center.Timers.Schedule(call.PlannedDuration(Options.Customers) * draws.DisconnectPoint, Disconnect);
                }

                result = VendorResult<MakeCallAccepted>.Success(new MakeCallAccepted(request.BusinessId, CallId: null));
            }
            else
            {
                _center.CounterSet.MakeCallErrors++;
                result = VendorResult<MakeCallAccepted>.Failure(answer.Code!, answer.Message ?? "", answer.Visible);
            }
        }

        return await _center.RespondAsync(result, latency, VendorResult<MakeCallAccepted>.Timeout, cancellationToken).ConfigureAwait(false);
    }

    public Task<VendorResult> HangupAsync(string callId, CancellationToken cancellationToken) =>
        Request("HangupAsync", VendorResult.NoSession, VendorResult.Timeout, cancellationToken, () => Result(Phone.Hangup(callId)));

    public Task<VendorResult> SetAgentStateAsync(AgentState state, string? subState, CancellationToken cancellationToken) =>
        Request("SetAgentStateAsync", VendorResult.NoSession, VendorResult.Timeout, cancellationToken, () => Result(Phone.SetState(state, subState)));

    public Task<VendorResult<NumberSourceList>> GetNumberPoolAndSpNumAsync(NumberSourceType type, CancellationToken cancellationToken) =>
        Request("GetNumberPoolAndSpNumAsync", VendorResult<NumberSourceList>.NoSession, VendorResult<NumberSourceList>.Timeout, cancellationToken, () =>
            VendorResult<NumberSourceList>.Success(Phone.Sources(type)));

    public Task<VendorResult> SetSpNumberPoolNumAsync(NumberSourceType type, string id, CancellationToken cancellationToken) =>
        Request("SetSpNumberPoolNumAsync", VendorResult.NoSession, VendorResult.Timeout, cancellationToken, () => Result(Phone.Select(type, id)));

    public Task<VendorResult<ProviderState>> GetStateAsync(CancellationToken cancellationToken) =>
        Request("GetState", VendorResult<ProviderState>.NoSession, VendorResult<ProviderState>.Timeout, cancellationToken, () =>
            VendorResult<ProviderState>.Success(Phone.CurrentCall?.ToProviderState(Phone.State, Phone.SubState)
                // The document's example: empty strings for the call fields when there is no call.
                ?? new ProviderState(AgentStates.ToName(Phone.State), Phone.SubState ?? "", "idle", "voip", "", "", "", "", "", "")));

    /// <summary>The screen pop: the agent sees the card (kept for the call's disposition: its codes).</summary>
    public Task ShowCardAsync(CallCard card, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(card);
        lock (_center.Gate)
        {
            if (!Connected) return Task.CompletedTask;
            _cards[card.AttemptId.ToString(CultureInfo.InvariantCulture)] = card;
            _center.AgentSide.ScreenPop();
        }

        return Task.CompletedTask;
    }

    /// <summary>A preview offer: the agent dials, skips (when allowed) or lets the countdown end, as its habits say for this call.</summary>
    public async Task<PreviewAnswer> OfferAsync(PreviewOffer offer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(offer);
        var (choice, after) = Options.Habits.Preview(Options.Seed, offer.Card.AttemptId.ToString(CultureInfo.InvariantCulture));
        lock (_center.Gate)
        {
            if (!Connected) return PreviewAnswer.Lost;
            _center.AgentSide.Offered(choice);
        }

        var left = offer.Deadline - _center.Time.GetUtcNow();
        if (choice == PreviewChoice.Ignore || after >= left)
        {
            await Task.Delay(left > TimeSpan.Zero ? left : TimeSpan.Zero, _center.Time, cancellationToken).ConfigureAwait(false);
            return PreviewAnswer.TimedOut;
        }

        await Task.Delay(after, _center.Time, cancellationToken).ConfigureAwait(false);
        lock (_center.Gate)
        {
            if (!Connected) return PreviewAnswer.Lost;
        }

        return choice == PreviewChoice.Skip && offer.SkipAllowed ? PreviewAnswer.Skip : PreviewAnswer.Dial;
    }

    /// <summary>Under the lock, at the call's end: the agent types its disposition, as its habits say, and sends it after the typing time.</summary>
    private void WrapUp(SimulatedCall call)
    {
        if (!_cards.Remove(call.BusinessId, out var card) || _center.Desk is null) return;
        if (Options.Habits.Plan(Options.Seed, call.BusinessId, call.AnsweredAt is not null) is not { } plan) return;
        if (card.Dispositions.FirstOrDefault(d => d.Effect == plan.Effect) is not { } code) return;
        _center.Timers.Schedule(plan.TypingTime, () => _center.Run(() => RecordAsync(card.AttemptId, code.Code, plan)));
    }

    private async Task RecordAsync(long attemptId, string code, Calls.DispositionPlan plan)
    {
        if (_center.Desk is not { } desk) return;
        var now = _center.Time.GetUtcNow();
        var callbackAt = plan.CallbackAfter is { } after ? now + after : (DateTimeOffset?)null;
        try
        {
            var answer = await desk.RecordDispositionAsync(_center.AccountId, AgentId, new DispositionRequest(attemptId, code, callbackAt, plan.Note),
                CancellationToken.None).ConfigureAwait(false);
            if (answer.Accepted) _center.AgentSide.Recorded(attemptId, code, callbackAt is not null);
            else _center.AgentSide.Refused();
            if (plan.ForeignOffset is { } offset && attemptId > offset)
            {
                var foreign = await desk.RecordDispositionAsync(_center.AccountId, AgentId, new DispositionRequest(attemptId - offset, code, callbackAt, plan.Note),
                    CancellationToken.None).ConfigureAwait(false);
                _center.AgentSide.Foreign(foreign.Accepted);
            }
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // The dialer is stopping or its database is away: the agent's note is lost, as a page's would be.
            _center.AgentSide.Refused();
        }
    }

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

            latency = Options.Faults.Latency.Sample(StableRandom.Create(Options.Seed, "request", AgentId, method, (++_requests).ToString(CultureInfo.InvariantCulture)));
            result = effect();
        }

        return await _center.RespondAsync(result, latency, timeout, cancellationToken).ConfigureAwait(false);
    }

    private static VendorResult Result(PhoneAnswer answer) =>
        answer.Ok ? VendorResult.Success() : VendorResult.Failure(answer.Code!, answer.Message ?? "", answer.Visible);

    /// <summary>The session drops for <see cref="SimulatorFaults.ReconnectDelay"/>; the call goes on, its events are lost
    /// meanwhile, and the workbench reports the state it finds when it is ready again.</summary>
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
            Phone.Ready();
        });
    }
}
