using AutoDialer.Core.Campaigns;
using AutoDialer.Core.StoredWords;

namespace AutoDialer.Core.Dispatch;

/// <summary>
/// What the dial gate's second check reads about one lease just before make-call: its campaign and contact as they are
/// now, and its callee's other dials.
/// </summary>
/// <param name="CampaignRunning">The campaign's state is running now.</param>
/// <param name="Settings">The campaign's settings as they are now.</param>
/// <param name="Attempts">The contact's attempts, this lease's included.</param>
/// <param name="AttemptsToday">Of those, today's, this lease's included.</param>
/// <param name="OtherDials">The callee's dials by any campaign within a week, this lease's own left out.</param>
/// <param name="AttemptStatus">The lease's attempt's own status now: anything but dialing means it was settled meanwhile (the stale sweeper).</param>
/// <param name="Callback">The lease dials a callback, which may use the campaign's extra attempts.</param>
internal sealed record LeaseRecheck(
    bool CampaignRunning,
    CampaignSettings Settings,
    bool OnDoNotCall,
    int Attempts,
    int AttemptsToday,
    string? TimeZone,
    IReadOnlyList<CalleeDial> OtherDials,
    AttemptStatus AttemptStatus,
    bool Callback = false)
{
    /// <summary>Attempts the gate allows beyond the budget and the per-day cap: a callback's extra attempts.</summary>
    public int ExtraAttempts => Callback ? Settings.Callbacks.ExtraAttempts : 0;

    /// <summary>
    /// Whether the lease's attempt is still waiting for its make-call. One settled meanwhile (the stale sweeper judged it
    /// while it waited behind the fence) is never dialled, and is not given back either: its settlement moved its contact.
    /// </summary>
    public bool StillToDial => AttemptStatus == AttemptStatus.Dialing;

    /// <summary>The contact as the gate judges it: as if the lease were not yet made (its counts include the lease's attempt).</summary>
    public DialCandidate BeforeLease() =>
        new(CampaignRunning, OnDoNotCall, Math.Max(Attempts - 1, 0), Math.Max(AttemptsToday - 1, 0), TimeZone, OtherDials);
}
