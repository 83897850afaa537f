namespace AutoDialer.Core.Agents;

/// <summary>The words for why an agent cannot take a call (<see cref="AgentAvailability.Reason"/>), as logged.</summary>
internal static class AgentUnavailableReasons
{
    public const string None = "";

    /// <summary>On a call now (ringing, talking), by the SDK's own call events.</summary>
    public const string InCall = "in-call";

    /// <summary>The vendor says busy: Meiqia <c>worker_status</c> not empty or status 4/6/7/8; Udesk phone busy.</summary>
    public const string Busy = "busy";

    public const string OnBreak = "on-break";

    public const string Offline = "offline";

    /// <summary>The phone is not registered: Meiqia <c>register_status</c> "unregister" or the SDK's <c>unregister</c>.</summary>
    public const string NotRegistered = "not-registered";

    /// <summary>The agent's device is offline: Udesk <c>CurExtState</c> "offline".</summary>
    public const string DeviceOffline = "device-offline";

    /// <summary>The SDK lost its own connection to the vendor: Meiqia <c>notifySocketReconnectFailed</c>.</summary>
    public const string SdkDisconnected = "sdk-disconnected";

    /// <summary>Outside the seat's validity dates (Meiqia <c>effective_at</c> … <c>expiration_at</c>), or no seat listed.</summary>
    public const string NoValidSeat = "no-valid-seat";

    /// <summary>Meiqia: no word from the Open API's agent list yet, or none since the agent's last call ended.</summary>
    public const string AwaitingAgentList = "awaiting-agent-list";
}
