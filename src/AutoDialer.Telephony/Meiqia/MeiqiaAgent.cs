using AutoDialer.Core.Telephony;

namespace AutoDialer.Telephony.Meiqia;

/// <summary>One item of <c>GET /openapi/ent/v1/sip/configs</c> (获取可转接客服列表), fields as documented.</summary>
public sealed record MeiqiaAgent(
    string AgentId,
    string? EntId,
    string? RealName,
    string? AnswerWay,
    string? OutNumber,
    string? RegisterStatus,
    string? WorkerStatus)
{
    public const string Registered = "register";
    public const string Unregistered = "unregister";

    /// <summary>Empty <c>worker_status</c> means it can take a call; an unregistered phone cannot ring at all
    /// (<see cref="MeiqiaAssumptions"/>).</summary>
    public AgentState State =>
        RegisterStatus == Unregistered ? AgentState.Offline
        : string.IsNullOrEmpty(WorkerStatus) ? AgentState.Idle
        : AgentState.Busy;
}
