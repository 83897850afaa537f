using AutoDialer.Core.Agents;
using AutoDialer.Core.Preview;
using AutoDialer.Core.StoredWords;

namespace AutoDialer.Core.Telephony;

/// <summary>
/// One agent's vendor SDK instance: every method acts as that agent (its phone dials, its caller number
/// is set). Vendor failures come back as results; cancellation throws as usual.
/// </summary>
internal interface IAgentSession
{
    string AgentId { get; }

    /// <summary>Whether the agent can take a call now, by what its vendor said last; dispatch skips one that cannot.</summary>
    AgentAvailability Availability => AgentAvailability.Available;

    /// <summary>
    /// Udesk <c>MakeCallAsync(Number, { BizId })</c>. Not idempotent: a <see cref="VendorCodes.Timeout"/>
    /// means the call may have been placed, and the request must not be repeated.
    /// </summary>
    Task<VendorResult<MakeCallAccepted>> MakeCallAsync(MakeCallRequest request, CancellationToken cancellationToken);

    /// <summary>Udesk <c>HangupAsync(CallId)</c>.</summary>
    Task<VendorResult> HangupAsync(string callId, CancellationToken cancellationToken);

    /// <summary>Udesk <c>SetAgentStateAsync(State, SubState)</c>; <paramref name="subState"/> is a custom
    /// break code such as "101".</summary>
    Task<VendorResult> SetAgentStateAsync(AgentState state, string? subState, CancellationToken cancellationToken);

    /// <summary>Udesk <c>GetNumberPoolAndSpNumAsync({ type })</c>.</summary>
    Task<VendorResult<NumberSourceList>> GetNumberPoolAndSpNumAsync(NumberSourceType type, CancellationToken cancellationToken);

    /// <summary>Udesk <c>SetSpNumberPoolNumAsync({ type, id })</c>: takes effect for the following calls.</summary>
    Task<VendorResult> SetSpNumberPoolNumAsync(NumberSourceType type, string id, CancellationToken cancellationToken);

    /// <summary>Udesk <c>GetState</c>: the agent's and the current call's state as the provider sees it now.</summary>
    Task<VendorResult<ProviderState>> GetStateAsync(CancellationToken cancellationToken);

    /// <summary>The workbench page's session this agent session speaks through (as its welcome named it); null when it
    /// is not a page's. Recorded with a make-call's mark, so that the page can answer for it later.</summary>
    string? PageSessionId => null;

    /// <summary>
    /// Whether the agent's page vouches that the make-call for <paramref name="businessId"/>, sent on its session
    /// <paramref name="sentOnSession"/> with <paramref name="deadline"/>, never reached its SDK: it had that session, has
    /// left it or spoke after the deadline, and its record of what it handed to the SDK since it loaded lacks the id.
    /// False whenever it cannot tell.
    /// </summary>
    bool PageSaysNeverDialled(string businessId, string sentOnSession, DateTimeOffset deadline) => false;

    /// <summary>
    /// Shows the agent who is being called (the screen pop): sent before the make-call, so the page has the card when the
    /// call rings. Not a vendor call: nothing waits for the page, and a page that cannot show it changes nothing.
    /// </summary>
    Task ShowCardAsync(CallCard card, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// Offers a contact to the agent (preview mode) and waits for the agent's decision until <see cref="PreviewOffer.Deadline"/>
    /// on the dialer's clock: <see cref="PreviewAnswer.TimedOut"/> then; <see cref="PreviewAnswer.Lost"/> when the page goes
    /// away, or cannot show offers (the default).
    /// </summary>
    Task<PreviewAnswer> OfferAsync(PreviewOffer offer, CancellationToken cancellationToken) => Task.FromResult(PreviewAnswer.Lost);
}
