namespace AutoDialer.Core.Telephony.Meiqia;

/// <summary>Event names of the Meiqia call SDK (<c>mqCallSDK.on(name, …)</c>).</summary>
internal static class MeiqiaEventNames
{
    public const string Register = "register";
    public const string Unregister = "unregister";

    /// <summary>外呼振铃事件: our outbound call is ringing.</summary>
    public const string Calling = "calling";

    /// <summary>呼入振铃事件: an inbound call is ringing.</summary>
    public const string IncomingCall = "incomingCall";

    /// <summary>接听事件: answered.</summary>
    public const string Answer = "answer";

    /// <summary>挂断事件: hung up.</summary>
    public const string Hangup = "hangup";

    /// <summary>ws连接断开事件: the SDK's connection is gone for good.</summary>
    public const string NotifySocketReconnectFailed = "notifySocketReconnectFailed";

    /// <summary>呼出号码为黑名单事件: the dialled number is on the provider's blacklist.</summary>
    public const string BlackList = "blackList";

    /// <summary>token过期事件: the SDK token expired (no data).</summary>
    public const string UnAuthorization = "unAuthorization";

    /// <summary>初始化坐席事件: <c>{ callAgentStatus, outNumber }</c>.</summary>
    public const string AgentInitStatus = "agentInitStatus";
}
