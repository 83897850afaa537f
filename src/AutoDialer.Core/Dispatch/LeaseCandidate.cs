using AutoDialer.Core.Callbacks;

namespace AutoDialer.Core.Dispatch;

/// <summary>A due contact as the lease read and locked it, with what the dial gate needs to know of it now.</summary>
/// <param name="Attempts">Attempts made so far.</param>
/// <param name="AttemptsToday">Of those, the ones made today.</param>
/// <param name="TimeZone">The contact's own IANA zone, if it has one.</param>
/// <param name="OnDoNotCall">Its number is on the do-not-call list now.</param>
/// <param name="Province">Its number's home province as stored at import (null before migration 024, or not known).</param>
/// <param name="City">Its number's home city as stored at import.</param>
/// <param name="Callback">The callback it waits for, if it does: only its owner may take it until the owner's grace is over.</param>
internal sealed record LeaseCandidate(
    long ContactId, string Phone, string? TimeZone, int Attempts, int AttemptsToday, bool OnDoNotCall, string? Province = null, string? City = null,
    ScheduledCallback? Callback = null);
