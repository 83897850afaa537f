using AutoDialer.Core.Dispatch;
using AutoDialer.Core.StoredWords;

namespace AutoDialer.Core.Campaigns;

/// <summary>
/// "Why isn't it dialling?": the reason a contact cannot be dialled now, in the dial gate's words plus those that are
/// not the gate's (a retry delay not yet over, no agent idle), and <see cref="Ready"/> for one that could be dialled.
/// </summary>
internal static class DialDiagnosis
{
    public const string Ready = "ready";
    public const string WaitingForRetry = "waiting_for_retry";
    public const string NoAgentIdle = "no_agent_idle";

    /// <summary>Every reason, in the order the panel lists them.</summary>
    public static IReadOnlyList<string> Reasons { get; } =
    [
        DialRefusal.CampaignNotRunning.ToName(), DialRefusal.DoNotCall.ToName(), DialRefusal.BudgetExhausted.ToName(),
        DialRefusal.DailyCap.ToName(), DialRefusal.Blackout.ToName(), DialRefusal.Holiday.ToName(), DialRefusal.OutsideWindow.ToName(),
        DialRefusal.FrequencyCap.ToName(), WaitingForRetry, NoAgentIdle,
    ];

    /// <summary>Why a contact that is due now (pending, due time passed) cannot be dialled, or <see cref="Ready"/>.</summary>
    /// <param name="frequencyCapped">Whether the callee's dials reach a frequency cap now (counted by the caller).</param>
    public static string ForDue(bool campaignRunning, bool onDoNotCall, int attempts, int attemptsToday, string? timeZone, bool frequencyCapped,
        CampaignSettings settings, DateTimeOffset now)
    {
        var facts = new DialCandidate(campaignRunning, onDoNotCall, attempts, attemptsToday, timeZone, []);
        return DialGate.Check(facts, settings.Retry, settings.Schedule, FrequencyCaps.Off, now) switch
        {
            DialVerdict.Refused refused => refused.Reason.ToName(),
            _ => frequencyCapped ? DialRefusal.FrequencyCap.ToName() : Ready,
        };
    }

    /// <summary>Why a pending contact that is not due yet waits: the gate's reason when the gate made it wait, else a retry delay.</summary>
    public static string ForWaiting(bool campaignRunning, string? waitReason) =>
        !campaignRunning ? DialRefusal.CampaignNotRunning.ToName() : waitReason ?? WaitingForRetry;

    /// <summary>
    /// Why one contact is not being dialled now, or null when nothing holds it (due now, being dialled, or finished).
    /// </summary>
    public static string? ForContact(ContactState state, string? waitReason, DateTimeOffset nextDueAt, DateTimeOffset now) => state switch
    {
        ContactState.Suppressed => DialRefusal.DoNotCall.ToName(),
        ContactState.Deferred => DialRefusal.DailyCap.ToName(),
        ContactState.Pending when nextDueAt > now => waitReason ?? WaitingForRetry,
        _ => null,
    };
}
