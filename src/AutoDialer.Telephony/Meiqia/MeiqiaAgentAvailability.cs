using System.Text.Json;
using AutoDialer.Core.Agents;
using AutoDialer.Core.Events;
using AutoDialer.Core.StoredWords;
using AutoDialer.Core.Telephony.Meiqia;

namespace AutoDialer.Telephony.Meiqia;

/// <summary>
/// Whether one connected Meiqia agent can take a call, from both of Meiqia's sources: the SDK's events on the
/// agent's page (<c>register</c>, <c>unregister</c>, <c>notifySocketReconnectFailed</c>, <c>agentInitStatus</c>, and the
/// call events <c>calling</c> … <c>hangup</c> / <c>blackList</c>) and the Open API's <c>sip/configs</c> listing
/// (<c>register_status</c>, <c>worker_status</c>, <c>effective_at</c>, <c>expiration_at</c>). Any of them saying no
/// is a no. Meiqia documents no status event around a call, so after one ends the agent is available again only
/// once a listing fetched after the hang-up says so (<see cref="MeiqiaAssumptions"/>, "Agent state"); before the first
/// listing it is not available either.
/// </summary>
internal sealed class MeiqiaAgentAvailability(TimeProvider time)
{
    private readonly object _gate = new();
    private bool _unregistered;
    private bool _socketLost;
    private AgentState? _status;
    private bool _inCall;
    private DateTimeOffset? _callEndedAt;
    private MeiqiaAgent? _listed;
    private DateTimeOffset? _listedAt;

    public void Apply(CallCenterEvent callCenterEvent)
    {
        ArgumentNullException.ThrowIfNull(callCenterEvent);
        lock (_gate)
        {
            switch (callCenterEvent.Name)
            {
                case MeiqiaEventNames.Register:
                    _unregistered = false;
                    _socketLost = false;
                    break;
                case MeiqiaEventNames.Unregister:
                    _unregistered = true;
                    break;
                case MeiqiaEventNames.NotifySocketReconnectFailed:
                    _socketLost = true;
                    break;
                case MeiqiaEventNames.AgentInitStatus:
                    _status = MeiqiaEventInterpreter.Interpret(callCenterEvent) is AgentStateChangedSignal changed ? changed.State : AgentState.Unknown;
                    _socketLost = false;
                    break;
                case MeiqiaEventNames.Calling or MeiqiaEventNames.IncomingCall or MeiqiaEventNames.Answer:
                    _inCall = true;
                    break;
                case MeiqiaEventNames.Hangup or MeiqiaEventNames.BlackList:
                    _inCall = false;
                    _callEndedAt = callCenterEvent.Timestamp;
                    break;
            }
        }
    }

    /// <summary>A make-call is being sent: the agent is on a call until its hang-up, even before <c>calling</c> arrives.</summary>
    public void Dialling()
    {
        lock (_gate)
        {
            _inCall = true;
        }
    }

    /// <summary>The make-call was refused: nothing rang, the agent is as it was.</summary>
    public void NotDialled()
    {
        lock (_gate)
        {
            _inCall = false;
        }
    }

    /// <summary>The agent as the Open API's list fetched at <paramref name="fetchedAt"/> shows it; null when it is not listed (no seat).</summary>
    public void Listed(MeiqiaAgent? agent, DateTimeOffset fetchedAt)
    {
        lock (_gate)
        {
            _listed = agent;
            _listedAt = fetchedAt;
        }
    }

    public AgentAvailability Current
    {
        get
        {
            lock (_gate)
            {
                if (_socketLost) return AgentAvailability.Unavailable(AgentUnavailableReasons.SdkDisconnected);
                if (_unregistered) return AgentAvailability.Unavailable(AgentUnavailableReasons.NotRegistered);
                if (_inCall) return AgentAvailability.Unavailable(AgentUnavailableReasons.InCall);
                if (_status is { } state && state != AgentState.Idle)
                {
                    return AgentAvailability.Unavailable(state switch
                    {
                        AgentState.OnBreak => AgentUnavailableReasons.OnBreak,
                        AgentState.Offline => AgentUnavailableReasons.Offline,
                        _ => AgentUnavailableReasons.Busy,
                    });
                }

                if (_listedAt is not { } listedAt || (_callEndedAt is { } ended && listedAt <= ended))
                {
                    return AgentAvailability.Unavailable(AgentUnavailableReasons.AwaitingAgentList);
                }

                return _listed?.AvailabilityAt(time.GetUtcNow()) ?? AgentAvailability.Unavailable(AgentUnavailableReasons.NoValidSeat);
            }
        }
    }
}
