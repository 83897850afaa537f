using AutoDialer.Core.Events;
using AutoDialer.Core.StoredWords;
using AutoDialer.Core.Telephony;
using AutoDialer.Core.Telephony.Meiqia;
using AutoDialer.Core.Telephony.Udesk;

namespace AutoDialer.Telephony.Bridge;

/// <summary>
/// What a session's own events say about its agent now, for the port's <c>GetStateAsync</c>: Udesk's latest
/// <c>GetState</c> event when that is the newest word, else the agent state and open call followed from the
/// events (Meiqia has no <c>GetState</c>; see <see cref="MeiqiaAssumptions"/>). A session is new after every reconnect
/// and its events so far say nothing of a call its agent may be on: until it has heard a call state (a call event,
/// <c>GetState</c>, or the agent idle) it does not know, and <see cref="KnownState"/> says so rather than "no call".
/// Nor does it know before its page's <c>call-state</c> report (<see cref="PageReported"/>): the page sends it after
/// every welcome, once it has sent again the events it had not seen acknowledged, so what comes before it is history
/// (an idle from before a make-call, the end of an earlier call), and what it says of the page's make-calls arrives with
/// it. Read as news, a resent idle answered "no such call" for a make-call whose answer the reconnect had lost, and the
/// sweeper settled it unknown, its budget spent, a moment before the report that would have given it back.
/// </summary>
internal sealed class ProviderStateTracker
{
    private readonly object _gate = new();
    private AgentState _state = AgentState.Unknown;
    private string? _subState;
    private string? _callId;
    private string? _number;
    private string? _display;
    private string? _userData;
    private string? _dialledBusinessId;
    private ProviderState? _reported;
    private bool _knowsCalls;
    private bool _pageReported;

    /// <summary>A make-call was sent: the next placed call on this session carries this business id.</summary>
    public void Dialled(string businessId)
    {
        lock (_gate)
        {
            _dialledBusinessId = businessId;
        }
    }

    public void Apply(CallSignal signal)
    {
        lock (_gate)
        {
            if (signal is UnknownSignal { Source.Name: UdeskEventNames.GetState } getState)
            {
                _reported = UdeskData.ProviderStateOfEvent(getState.Source.Payload) ?? _reported;
                _knowsCalls |= _reported is not null;
                return;
            }

            switch (signal)
            {
                case AgentStateChangedSignal changed:
                    _state = changed.State;
                    _subState = changed.SubState;
                    // Idle is on no call; busy and the rest say the agent is on something, not which call.
                    _knowsCalls |= changed.State == AgentState.Idle;
                    break;
                case ConnectionClearedSignal or BlacklistedSignal:
                    _callId = _number = _display = _userData = null;
                    _knowsCalls = true;
                    break;
                case CallEventSignal call when call.Kind is CallSignalKind.Originated or CallSignalKind.Delivered or CallSignalKind.Established:
                    if (call.CallId != _callId)
                    {
                        _userData = call.BusinessId ?? _dialledBusinessId;
                        _dialledBusinessId = null;
                    }

                    _callId = call.CallId ?? _callId;
                    _number = call.Number ?? _number;
                    _display = call.DisplayNumber ?? _display;
                    _knowsCalls = true;
                    break;
                default:
                    return;
            }

            _reported = null;
        }
    }

    /// <summary>
    /// The page reported its call state (<c>call-state</c>): from now on the session's events are news. With
    /// <paramref name="vouched"/> (<c>known</c>) the page vouched for it: the events it gave are all it knows of its
    /// agent, so no open call among them is no call (idle, or busy in wrap-up), not "could not ask".
    /// </summary>
    public void PageReported(bool vouched)
    {
        lock (_gate)
        {
            _pageReported = true;
            _knowsCalls |= vouched;
        }
    }

    /// <summary>
    /// The page's report replaces what the session followed: its open calls are the only ones (a call ended while the
    /// socket was down is not kept as open).
    /// </summary>
    public void ForgetCalls()
    {
        lock (_gate)
        {
            _callId = _number = _display = _userData = null;
            _reported = null;
        }
    }

    /// <summary>What the session's events say, or null before its page's report or while they have said nothing of calls
    /// (could not ask, not "no call").</summary>
    public ProviderState? KnownState()
    {
        lock (_gate)
        {
            return _pageReported && _knowsCalls ? Snapshot() : null;
        }
    }

    /// <summary>What the session's events say, known or not: an empty call when they have said nothing of calls.</summary>
    public ProviderState Snapshot()
    {
        lock (_gate)
        {
            return _reported ?? new ProviderState(
                _state == AgentState.Unknown ? "" : AgentStates.ToName(_state),
                _subState ?? "",
                CurExtState: null,
                CurMode: null,
                _callId ?? "",
                _callId is null ? "" : UdeskAssumptions.CallDirectionOutbound,
                _number ?? "",
                _display ?? "",
                StartTime: "",
                _userData ?? "");
        }
    }
}
