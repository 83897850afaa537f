namespace AutoDialer.Core.Telephony.Meiqia;

/// <summary>Field names of Meiqia's event data ("通用返回数据" and <c>agentInitStatus</c>).</summary>
internal static class MeiqiaFields
{
    public const string Sip = "sip";
    public const string Customer = "customer";
    public const string Action = "action";
    public const string UserAgent = "user_agent";

    /// <summary>The call id (通话id).</summary>
    public const string Uuid = "uuid";

    /// <summary>The caller number shown (外显号).</summary>
    public const string TrunkNumber = "trunk_number";

    public const string TrunkNumberName = "trunk_number_name";
    public const string QueueName = "queue_name";
    public const string CallAgentStatus = "callAgentStatus";
    public const string OutNumber = "outNumber";
}
