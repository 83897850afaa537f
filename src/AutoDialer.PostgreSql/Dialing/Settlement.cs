using AutoDialer.Core.Dialing;

namespace AutoDialer.PostgreSql.Dialing;

/// <summary>The outcome of one attempt, as decided from its events, its make-call result or the stale sweeper.</summary>
/// <param name="NotDialled">The provider refused before dialling (e.g. the agent was not idle): the attempt is closed
/// as failed but the contact gets its attempt back and is due again at once.</param>
public sealed record Settlement(
    long AttemptId,
    CallOutcome Outcome,
    int? RingSeconds = null,
    int? TalkSeconds = null,
    string? CallId = null,
    string? VendorCode = null,
    string? VendorMessage = null,
    bool NotDialled = false);
