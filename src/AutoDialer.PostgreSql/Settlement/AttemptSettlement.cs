using AutoDialer.Core.StoredWords;

namespace AutoDialer.PostgreSql.Settlement;

/// <summary>The outcome of one attempt, as decided from its events, its make-call result or the stale sweeper.</summary>
/// <param name="NotDialled">The provider refused before dialling (e.g. the agent was not idle): the attempt is closed
/// as failed but the contact gets its attempt back and is due again at once (suppressed instead if its number is on
/// the do-not-call list).</param>
internal sealed record AttemptSettlement(
    long AttemptId,
    CallOutcome Outcome,
    int? RingSeconds = null,
    int? TalkSeconds = null,
    string? CallId = null,
    string? VendorCode = null,
    string? VendorMessage = null,
    bool NotDialled = false)
{
    /// <summary>
    /// Apply only if the attempt is still unsettled when its row is locked for the write, as the stale sweeper needs:
    /// it read the attempt as live a while ago, and an outcome that has arrived since must stand. Default false.
    /// </summary>
    public bool OnlyIfLive { get; init; }

    /// <summary>
    /// With <see cref="NotDialled"/>: the refusal was of our request, which would be refused again at once, so the contact
    /// is due after the campaign's delay for <see cref="CallOutcome.Failed"/> rather than now. Default false.
    /// </summary>
    public bool NotDialledDueLater { get; init; }
}
