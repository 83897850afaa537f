namespace AutoDialer.Core.Telephony;

/// <summary>
/// One entry of Udesk's <c>GetOtherAgentsAsync</c> data. <see cref="State"/> is the vendor's value as text:
/// the document shows a number there (<c>State: 1</c>) without saying what the numbers mean, so callers
/// should select by the request's state filter rather than interpret this field.
/// </summary>
internal sealed record AgentStatus(
    string AgentId,
    string AppId,
    string? Name,
    bool Enable,
    string? State,
    int WrapUpTime);
