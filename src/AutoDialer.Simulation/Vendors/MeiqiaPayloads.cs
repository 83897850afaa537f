using System.Text.Json.Nodes;
using AutoDialer.Core.StoredWords;
using AutoDialer.Core.Telephony.Meiqia;
using AutoDialer.Simulation.Calls;

namespace AutoDialer.Simulation.Vendors;

/// <summary>
/// Meiqia call-SDK event data as the document shows it: every call event carries the common data ("通用返回数据":
/// <c>sip, customer, action, user_agent, uuid, trunk_number, trunk_number_name, queue_name</c>) and no business id
/// or release cause; <c>agentInitStatus</c> carries <c>{ callAgentStatus, outNumber }</c>.
/// </summary>
internal static class MeiqiaPayloads
{
    /// <summary>The SIP extension the simulated phones register with; the document gives no format.</summary>
    public const string SimulatedSip = "8001";

    public const string UserAgent = "JsSIP";

    /// <summary><c>register</c>, <c>calling</c>, <c>answer</c>, <c>hangup</c>, …: the common data, for
    /// <paramref name="action"/> (the event's name) and the call if there is one.</summary>
    public static JsonObject Common(string action, SimulatedCall? call, string outNumber) => new()
    {
        [MeiqiaFields.Sip] = SimulatedSip,
        [MeiqiaFields.Customer] = call?.Number ?? "",
        [MeiqiaFields.Action] = action,
        [MeiqiaFields.UserAgent] = UserAgent,
        [MeiqiaFields.Uuid] = call?.CallId ?? "",
        [MeiqiaFields.TrunkNumber] = call?.DisplayNumber ?? outNumber,
        [MeiqiaFields.TrunkNumberName] = "",
        [MeiqiaFields.QueueName] = "",
    };

    public static JsonObject AgentInitStatus(AgentState state, string outNumber) => new()
    {
        [MeiqiaFields.CallAgentStatus] = MeiqiaAgentStatus.ToStatusCode(state),
        [MeiqiaFields.OutNumber] = outNumber,
    };
}
