using AutoDialer.Core.StoredWords;

namespace AutoDialer.Core.Telephony.Meiqia;

/// <summary>
/// Meiqia's agent status codes (客服状态码): settable 1 在线, 2 离线, 3 小休, 4 忙碌; reported only
/// 6 通话中, 7 振铃中, 8 整理中.
/// </summary>
internal static class MeiqiaAgentStatus
{
    public const int Online = 1;
    public const int Offline = 2;
    public const int Break = 3;
    public const int Busy = 4;
    public const int InCall = 6;
    public const int Ringing = 7;
    public const int WrapUp = 8;

    /// <summary>Meiqia's "online" is the state in which it hands out calls, so it reads as idle; the
    /// report-only states are all busy for dialling purposes.</summary>
    public static AgentState ToAgentState(int? code) => code switch
    {
        Online => AgentState.Idle,
        Offline => AgentState.Offline,
        Break => AgentState.OnBreak,
        Busy or InCall or Ringing or WrapUp => AgentState.Busy,
        _ => AgentState.Unknown,
    };

    /// <summary>The settable code for <c>setAgentStatus({ status })</c>; Meiqia has no sub-states.</summary>
    public static int ToStatusCode(AgentState state) => state switch
    {
        AgentState.Idle => Online,
        AgentState.Offline => Offline,
        AgentState.OnBreak => Break,
        AgentState.Busy => Busy,
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, "Unknown has no Meiqia status code."),
    };
}
