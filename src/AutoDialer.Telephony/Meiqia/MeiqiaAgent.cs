using AutoDialer.Core.Agents;
using AutoDialer.Core.StoredWords;
using AutoDialer.Core.Telephony.Meiqia;

namespace AutoDialer.Telephony.Meiqia;

/// <summary>One item of <c>GET /openapi/ent/v1/sip/configs</c> (获取可转接客服列表), fields as documented.</summary>
/// <param name="EffectiveAt"><c>effective_at</c> (有效时间), read as <see cref="MeiqiaAssumptions"/> says; null when absent or unreadable.</param>
/// <param name="ExpirationAt"><c>expiration_at</c> (过期时间), likewise.</param>
internal sealed record MeiqiaAgent(
    string AgentId,
    string? EntId,
    string? RealName,
    string? AnswerWay,
    string? OutNumber,
    string? RegisterStatus,
    string? WorkerStatus,
    DateTimeOffset? EffectiveAt = null,
    DateTimeOffset? ExpirationAt = null)
{
    public const string Registered = "register";
    public const string Unregistered = "unregister";

    /// <summary>Empty <c>worker_status</c> means it can take a call; an unregistered phone cannot ring at all
    /// (<see cref="MeiqiaAssumptions"/>).</summary>
    public AgentState State =>
        RegisterStatus == Unregistered ? AgentState.Offline
        : string.IsNullOrEmpty(WorkerStatus) ? AgentState.Idle
        : AgentState.Busy;

    /// <summary>Whether the seat is valid at <paramref name="now"/>: after <c>effective_at</c> and before <c>expiration_at</c> where given.</summary>
    public bool SeatValidAt(DateTimeOffset now) => (EffectiveAt is null || EffectiveAt <= now) && (ExpirationAt is null || now < ExpirationAt);

    /// <summary>What this listing says about taking a call at <paramref name="now"/>.</summary>
    public AgentAvailability AvailabilityAt(DateTimeOffset now) =>
        !SeatValidAt(now) ? AgentAvailability.Unavailable(AgentUnavailableReasons.NoValidSeat)
        : RegisterStatus == Unregistered ? AgentAvailability.Unavailable(AgentUnavailableReasons.NotRegistered)
        : !string.IsNullOrEmpty(WorkerStatus) ? AgentAvailability.Unavailable(AgentUnavailableReasons.Busy)
        : AgentAvailability.Available;
}
