using AutoDialer.Core.StoredWords;

namespace AutoDialer.Core.Telephony;

/// <summary>
/// The data of Udesk's <c>GetState</c> (同步服务端状态): the agent's and its phone's current state, and the
/// current call if there is one. Field names are the document's. The stale-attempt sweeper uses it to
/// settle attempts whose events never came: no current call with our <see cref="UserData"/> means the call
/// is over.
/// </summary>
internal sealed record ProviderState(
    string CurState,
    string? CurSubStateId,
    string? CurExtState,
    string? CurMode,
    string? CallID,
    string? CallDirection,
    string? DestNumber,
    string? SpNumber,
    string? StartTime,
    string? UserData)
{
    public AgentState AgentState => AgentStates.Parse(CurState);

    public bool InCall => !string.IsNullOrEmpty(CallID);
}
