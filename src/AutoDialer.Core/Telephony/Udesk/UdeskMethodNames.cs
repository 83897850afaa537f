namespace AutoDialer.Core.Telephony.Udesk;

/// <summary>
/// The <c>UdeskCCPaasApiClass</c> methods the dialer calls through the agent bridge (section 五、接口API of the
/// SDK 2.1.0 document). Each returns a promise of the envelope <c>{ Code, Message, Data, Visible }</c>.
/// </summary>
internal static class UdeskMethodNames
{
    /// <summary><c>MakeCallAsync(Number, { BizId })</c>.</summary>
    public const string MakeCall = "MakeCallAsync";

    /// <summary><c>HangupAsync(CallId)</c>.</summary>
    public const string Hangup = "HangupAsync";

    /// <summary><c>SetAgentStateAsync(State, SubState)</c>.</summary>
    public const string SetAgentState = "SetAgentStateAsync";

    /// <summary><c>GetNumberPoolAndSpNumAsync({ type })</c>.</summary>
    public const string GetNumberPoolAndSpNum = "GetNumberPoolAndSpNumAsync";

    /// <summary><c>SetSpNumberPoolNumAsync({ type, id })</c>.</summary>
    public const string SetSpNumberPoolNum = "SetSpNumberPoolNumAsync";

    /// <summary><c>GetOtherAgentsAsync({ State })</c>.</summary>
    public const string GetOtherAgents = "GetOtherAgentsAsync";
}
