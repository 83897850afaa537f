using System.Collections.Frozen;
using AutoDialer.Core.StoredWords;
using AutoDialer.Core.Telephony;

namespace AutoDialer.Core.Events;

/// <summary>
/// Turns what is known about one dial into its outcome: the make-call's failure, or the call's signals.
/// </summary>
/// <remarks>
/// Signals are read as a set: only the earliest time of each kind counts and ties are broken by event id,
/// so duplicated, reordered and late deliveries give the same outcome as the clean sequence.
/// </remarks>
internal static class CallOutcomeClassifier
{
    // Causes that are not in this table and come without an answer are failures, carrying the cause as code.
    private static readonly FrozenDictionary<string, CallOutcome> UnansweredCauses = new Dictionary<string, CallOutcome>(StringComparer.Ordinal)
    {
        [HangupCauses.UserBusy] = CallOutcome.Busy,
        [HangupCauses.CallRejected] = CallOutcome.Rejected,
        [HangupCauses.NoAnswer] = CallOutcome.NoAnswer,
        [HangupCauses.NoUserResponse] = CallOutcome.NoAnswer,
        // We gave up ringing (ring timeout or an agent hang-up while it rang).
        [HangupCauses.OriginatorCancel] = CallOutcome.NoAnswer,
        [HangupCauses.NormalClearing] = CallOutcome.NoAnswer,
        [HangupCauses.UnallocatedNumber] = CallOutcome.Invalid,
        [HangupCauses.NoRouteDestination] = CallOutcome.Invalid,
        [HangupCauses.InvalidNumberFormat] = CallOutcome.Invalid,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>
    /// Whether <paramref name="signal"/> ends a call: until one of these is among its signals,
    /// <see cref="Classify"/> gives null, so a call without one needs no classifying.
    /// </summary>
    public static bool Ends(CallSignal signal) => signal is BlacklistedSignal or ConnectionClearedSignal;

    /// <summary>
    /// The outcome of a call from its signals (agent and unknown signals are ignored), or null while it is
    /// not over: no hang-up and no blacklisting seen yet.
    /// </summary>
    public static ClassifiedOutcome? Classify(IEnumerable<CallSignal> signals)
    {
        ArgumentNullException.ThrowIfNull(signals);
        var call = signals.OfType<CallEventSignal>()
            .OrderBy(s => s.Timestamp)
            .ThenBy(s => s.EventId, StringComparer.Ordinal)
            .ToList();
        var callId = call.Select(s => s.CallId).FirstOrDefault(id => id is not null);

        var blacklisted = call.OfType<BlacklistedSignal>().FirstOrDefault();
        if (blacklisted is not null)
        {
            return new ClassifiedOutcome(CallOutcome.Blacklisted, TimeSpan.Zero, TimeSpan.Zero, callId);
        }

        var cleared = call.OfType<ConnectionClearedSignal>().FirstOrDefault();
        if (cleared is null)
        {
            return null;
        }

        var answered = call.OfType<EstablishedSignal>().FirstOrDefault();
        // Callback mode (the vendor's interpreter says so): the agent's phone rings first (Delivered); the customer's leg
        // starts with Originated once the agent picked up. Without it the customer was never called.
        var callback = call.Any(s => s.AgentLegFirst);
        if (callback && answered is null && !call.Any(s => s.Kind is CallSignalKind.Originated))
        {
            return new ClassifiedOutcome(CallOutcome.Failed, TimeSpan.Zero, TimeSpan.Zero, callId, VendorCodes.AgentLegUnanswered,
                "callback mode: the agent did not pick up, the customer was not called", NotDialled: true);
        }

        var ringing = call.FirstOrDefault(s => callback ? s.Kind is CallSignalKind.Originated : s.Kind is CallSignalKind.Originated or CallSignalKind.Delivered);
        var cause = call.OfType<ConnectionClearedSignal>().Select(s => s.HangupCause).FirstOrDefault(c => c is not null);
        var start = ringing?.Timestamp ?? answered?.Timestamp ?? cleared.Timestamp;

        if (answered is not null)
        {
            return new ClassifiedOutcome(
                CallOutcome.Answered,
                NonNegative(answered.Timestamp - start),
                NonNegative(cleared.Timestamp - answered.Timestamp),
                callId);
        }

        var ringTime = NonNegative(cleared.Timestamp - start);
        if (cause is null)
        {
            // No documented release cause (see UdeskAssumptions): it was placed, it rang, nobody answered.
            return new ClassifiedOutcome(CallOutcome.NoAnswer, ringTime, TimeSpan.Zero, callId);
        }

        return UnansweredCauses.TryGetValue(cause, out var outcome)
            ? new ClassifiedOutcome(outcome, ringTime, TimeSpan.Zero, callId, outcome == CallOutcome.Invalid ? cause : null)
            : new ClassifiedOutcome(CallOutcome.Failed, ringTime, TimeSpan.Zero, callId, cause);
    }

    /// <summary>
    /// The outcome of a make-call that the vendor did not accept. A timeout is unknown (the call may have
    /// been placed, so it must not be dialled again blindly); the other failures dialled nothing.
    /// </summary>
    public static ClassifiedOutcome FromMakeCallFailure(VendorResult failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        if (failure.IsSuccess)
        {
            throw new ArgumentException("The make-call succeeded; its outcome comes from the call's signals.", nameof(failure));
        }

        var outcome = failure.Code switch
        {
            VendorCodes.Timeout => CallOutcome.Unknown,
            VendorCodes.InvalidNumber => CallOutcome.Invalid,
            _ => CallOutcome.Failed,
        };
        return new ClassifiedOutcome(outcome, TimeSpan.Zero, TimeSpan.Zero, null, failure.Code, failure.Message);
    }

    private static TimeSpan NonNegative(TimeSpan span) => span < TimeSpan.Zero ? TimeSpan.Zero : span;
}
