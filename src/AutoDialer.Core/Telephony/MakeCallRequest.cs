namespace AutoDialer.Core.Telephony;

/// <summary>
/// A make-call. <see cref="BusinessId"/> is the attempt id: Udesk <c>Options.BizId</c>, Meiqia
/// <c>userData</c> (at most 300 characters).
/// </summary>
/// <param name="Number">The number to dial, as the vendor expects it.</param>
/// <param name="BusinessId">Our id of this dial; the vendor echoes it where it can.</param>
/// <param name="CallerNumber">A caller number for this call only (Meiqia per-call <c>outNumber</c>).</param>
/// <param name="NumberSource">A trunk number or pool for this call only; where the vendor cannot do that per
/// call (Udesk), the adapter selects it on the session first.</param>
/// <param name="Deadline">The moment after which the call must not start: the end of the dial fence it was checked under,
/// computed once when the fence was taken (not afresh after a trunk selection). The session sends it to the page, which
/// neither runs the make-call after it nor keeps a call the vendor placed after it. Null: the session's own timeout from
/// now.</param>
internal sealed record MakeCallRequest(
    string Number,
    string BusinessId,
    string? CallerNumber = null,
    NumberSourceRef? NumberSource = null,
    DateTimeOffset? Deadline = null);
