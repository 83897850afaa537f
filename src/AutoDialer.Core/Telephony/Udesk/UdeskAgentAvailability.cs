using AutoDialer.Core.Agents;
using AutoDialer.Core.Events;
using AutoDialer.Core.StoredWords;

namespace AutoDialer.Core.Telephony.Udesk;

/// <summary>
/// Whether one connected Udesk agent can take a call, from its SDK's events: the agent state (<c>Ready</c>,
/// <c>AgentStateChanged</c>, <c>GetState</c> → <c>CurState</c>), the device (<c>Ready</c>, <c>PhoneModeChanged</c>,
/// <c>GetState</c> → <c>CurExtState</c> "offline") and the phone (<c>PhoneStateChanged</c> → <c>CurState</c> other than
/// "idle", until it says idle again or the call's <c>ConnectionCleared</c>). What no event has said yet does not stop a
/// call (the document does not say when each event comes). Losing the SDK's socket ends the page's session, and with it
/// dispatch to the agent.
/// </summary>
internal sealed class UdeskAgentAvailability
{
    private const string Offline = "offline";
    private const string Idle = "idle";

    private readonly object _gate = new();
    private AgentState _state = AgentState.Unknown;
    private bool _deviceOffline;
    private bool _phoneBusy;

    public void Apply(CallCenterEvent callCenterEvent)
    {
        ArgumentNullException.ThrowIfNull(callCenterEvent);
        var data = EventData.Of(callCenterEvent.Payload);
        lock (_gate)
        {
            switch (callCenterEvent.Name)
            {
                case UdeskEventNames.Ready or UdeskEventNames.GetState:
                    _state = AgentStates.Parse(EventData.String(data, UdeskFields.CurState));
                    _deviceOffline = EventData.String(data, UdeskFields.CurExtState) == Offline;
                    break;
                case UdeskEventNames.AgentStateChanged:
                    _state = AgentStates.Parse(EventData.String(data, UdeskFields.CurState));
                    break;
                case UdeskEventNames.PhoneModeChanged:
                    _deviceOffline = EventData.String(data, UdeskFields.CurExtState) == Offline;
                    break;
                case UdeskEventNames.PhoneStateChanged:
                    _phoneBusy = EventData.String(data, UdeskFields.CurState) is { Length: > 0 } phone && phone != Idle;
                    break;
                case UdeskEventNames.ConnectionCleared:
                    _phoneBusy = false;
                    break;
            }
        }
    }

    public AgentAvailability Current
    {
        get
        {
            lock (_gate)
            {
                if (_deviceOffline) return AgentAvailability.Unavailable(AgentUnavailableReasons.DeviceOffline);
                if (_phoneBusy) return AgentAvailability.Unavailable(AgentUnavailableReasons.InCall);
                return _state switch
                {
                    AgentState.Busy => AgentAvailability.Unavailable(AgentUnavailableReasons.Busy),
                    AgentState.OnBreak => AgentAvailability.Unavailable(AgentUnavailableReasons.OnBreak),
                    AgentState.Offline => AgentAvailability.Unavailable(AgentUnavailableReasons.Offline),
                    _ => AgentAvailability.Available,
                };
            }
        }
    }
}
