using AutoDialer.Core.Callbacks;

namespace AutoDialer.Core.Dispatch;

/// <summary>
/// A contact leased for one agent: once the lease is written, the attempt row exists (its id is the business id) and
/// the contact is marked dialing, so no other dispatcher anywhere can pick it.
/// </summary>
/// <param name="CallerNumberId">The caller number shown (<see cref="Dispatch.CallerNumber.Id"/>); null when the campaign has none.</param>
/// <param name="CallerNumber">That number in E.164, as recorded with the callee's dial.</param>
/// <param name="CallerDialString">That number as the vendor dials it (<see cref="Dispatch.DialString"/>).</param>
/// <param name="Callback">When the lease dials a callback: the callback (its time, owner and the owner's grace).</param>
internal sealed record DialLease(
    long AttemptId,
    long CampaignId,
    long ContactId,
    string AgentId,
    string Phone,
    string DialString,
    string? CallerNumberId,
    string? CallerNumber,
    string? CallerDialString,
    ScheduledCallback? Callback = null);
