using AutoDialer.Core.Telephony.Udesk;

namespace AutoDialer.Core.Events;

/// <summary>
/// A signal about one call. Any field may be missing from a vendor payload, so all are nullable; an event
/// without a call id cannot be correlated and is stored but not applied.
/// </summary>
/// <param name="CallId">Udesk <c>CallID</c>, Meiqia <c>uuid</c>.</param>
/// <param name="Number">The customer's number: Udesk <c>CustomerInfo.Number</c>, Meiqia <c>customer</c>.</param>
/// <param name="DisplayNumber">The caller number shown: Udesk <c>DisplayNum</c>, Meiqia <c>trunk_number</c>.</param>
/// <param name="BusinessId">Our business id when the payload echoes it (see <see cref="UdeskAssumptions"/>).</param>
internal abstract record CallEventSignal(
    CallCenterEvent Source,
    string? CallId,
    string? Number,
    string? DisplayNumber,
    string? BusinessId) : CallSignal(Source)
{
    /// <summary>
    /// The call rings the agent's phone first and the customer only once the agent picked up (Udesk's callback mode,
    /// <see cref="UdeskAssumptions.WorkFlowCallback"/>), as the vendor's interpreter read it from the event. Default false.
    /// </summary>
    public bool AgentLegFirst { get; init; }
}
