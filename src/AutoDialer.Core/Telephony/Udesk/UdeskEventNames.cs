namespace AutoDialer.Core.Telephony.Udesk;

/// <summary>Event names of the Udesk CCPaaS API SDK 2.1.0 (section 六、事件), as passed to <c>on(name, …)</c>.</summary>
internal static class UdeskEventNames
{
    /// <summary>坐席状态发生变化: <c>Data: [{ CurState, CurStateSubId, OldState }]</c>.</summary>
    public const string AgentStateChanged = "AgentStateChanged";

    /// <summary>话机模式改变: <c>Data: [{ CurContact, CurExtState, CurNumber }]</c>.</summary>
    public const string PhoneModeChanged = "PhoneModeChanged";

    /// <summary>话机状态改变: <c>Data: [{ CallID, CurState }]</c>.</summary>
    public const string PhoneStateChanged = "PhoneStateChanged";

    /// <summary>通话组件准备工作完成: <c>Data: [{ CurExtState, CurMode, CurState }]</c>.</summary>
    public const string Ready = "Ready";

    /// <summary>高级通话呼叫状态改变: <c>Data: { AdvancedCallStatus, CallEvent, CallID, … }</c>.</summary>
    public const string AdvancedCallStatusChanged = "AdvancedCallStatusChanged";

    /// <summary>同步服务端状态: <c>Data: { CurState, CallID, DestNumber, UserData, … }</c>.</summary>
    public const string GetState = "GetState";

    /// <summary>呼入振铃 (ringing). Call events carry <c>Data: { CallID, AgentInfo, CustomerInfo, FromQueue,
    /// DisplayNum, WorkFlow, CallAuthority, CallType }</c>.</summary>
    public const string Delivered = "Delivered";

    /// <summary>呼出振铃 (outbound call placed and ringing).</summary>
    public const string Originated = "Originated";

    /// <summary>通话中 (answered, talking).</summary>
    public const string Established = "Established";

    /// <summary>挂断 (hung up).</summary>
    public const string ConnectionCleared = "ConnectionCleared";

    /// <summary>保留通话 (put on hold).</summary>
    public const string Held = "Held";

    /// <summary>恢复先前保留的呼叫 (taken off hold).</summary>
    public const string Retrieved = "Retrieved";

    /// <summary>三方 (three-way call).</summary>
    public const string Conferenced = "Conferenced";

    /// <summary>转接 (transferred).</summary>
    public const string Transferred = "Transferred";
}
