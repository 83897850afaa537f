namespace AutoDialer.Core.Telephony;

/// <summary>
/// Success data of a make-call: the vendor took the request, which says nothing yet about the call itself.
/// Udesk answers <c>Data: null</c> and Meiqia's success callback carries nothing, so <see cref="CallId"/> is
/// normally null and the call id arrives with the first <c>Originated</c> event.
/// </summary>
internal sealed record MakeCallAccepted(string BusinessId, string? CallId);
