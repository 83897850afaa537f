using AutoDialer.Core.StoredWords;
using AutoDialer.Core.Telephony;
using AutoDialer.Core.Telephony.Udesk;

namespace AutoDialer.Simulation.Calls;

/// <summary>A call in progress on one simulated agent's phone.</summary>
internal sealed class SimulatedCall(
    string callId,
    string businessId,
    string number,
    string displayNumber,
    DateTimeOffset placedAt,
    CustomerResponse response,
    CallDraws draws)
{
    public string CallId { get; } = callId;
    public string BusinessId { get; } = businessId;
    public string Number { get; } = number;
    public string DisplayNumber { get; } = displayNumber;
    public DateTimeOffset PlacedAt { get; } = placedAt;
    public CustomerResponse Response { get; } = response;
    public CallDraws Draws { get; } = draws;
    public CallPhase Phase { get; set; } = CallPhase.Placed;

    /// <summary>When the customer answered; null until then, and for a call never answered.</summary>
    public DateTimeOffset? AnsweredAt { get; set; }

    /// <summary>The answer ring time, or null when the customer will not answer before the ring timeout.</summary>
    public TimeSpan? AnswerAfter(CustomerBehaviour customers) =>
        Response == CustomerResponse.Answer && Draws.RingTime < customers.RingTimeout ? Draws.RingTime : null;

    public TimeSpan? RejectAfter(CustomerBehaviour customers) =>
        Response == CustomerResponse.Reject && Draws.RingTime < customers.RingTimeout ? Draws.RingTime : null;

    /// <summary>How long the call will last from being placed to its release, if nobody hangs up early.</summary>
    public TimeSpan PlannedDuration(CustomerBehaviour customers)
    {
        if (Response is CustomerResponse.Busy or CustomerResponse.Fail)
        {
            return Draws.EarlyRelease;
        }

        if (AnswerAfter(customers) is { } answer)
        {
            return Draws.PostDialDelay + answer + Draws.TalkTime;
        }

        return Draws.PostDialDelay + (RejectAfter(customers) ?? customers.RingTimeout);
    }

    public ProviderState ToProviderState(AgentState state, string? subState) => new(
        AgentStates.ToName(state),
        subState ?? "",
        Phase == CallPhase.Ended ? "idle" : "busy",
        "voip",
        CallId,
        UdeskAssumptions.CallDirectionOutbound,
        Number,
        DisplayNumber,
        PlacedAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        BusinessId);
}
