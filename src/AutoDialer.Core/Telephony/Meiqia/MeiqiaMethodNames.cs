namespace AutoDialer.Core.Telephony.Meiqia;

/// <summary>
/// The <c>MQCallSDK</c> methods the dialer calls through the agent bridge. All but <see cref="Hangup"/> take
/// <c>success</c>/<c>error</c> callbacks.
/// </summary>
internal static class MeiqiaMethodNames
{
    /// <summary><c>call({ client: { number | privacyNumber, userData, outNumber }, success, error, validatorErrorCb })</c>.</summary>
    public const string Call = "call";

    /// <summary><c>hangup()</c>, no callbacks.</summary>
    public const string Hangup = "hangup";

    /// <summary><c>setAgentStatus({ status })</c>.</summary>
    public const string SetAgentStatus = "setAgentStatus";

    /// <summary><c>getAgentRule()</c> → <c>AgentRuleType</c>.</summary>
    public const string GetAgentRule = "getAgentRule";

    /// <summary><c>setOutNumber({ data: { rule, number, group_id } })</c>.</summary>
    public const string SetOutNumber = "setOutNumber";

    /// <summary><c>refreshToken({ token })</c>.</summary>
    public const string RefreshToken = "refreshToken";
}
