using AutoDialer.Core.Events;
using AutoDialer.Core.StoredWords;

namespace AutoDialer.Simulator;

/// <summary>What really happened to a call, in the dialer's outcome words, from the call center's side.</summary>
internal static class TruthOutcome
{
    public static string Of(bool answered, string? hangupCause) =>
        answered
            ? OutcomeNames.Answered
            : hangupCause switch
            {
                HangupCauses.UserBusy => OutcomeNames.Busy,
                HangupCauses.CallRejected => OutcomeNames.Rejected,
                HangupCauses.NormalTemporaryFailure => OutcomeNames.Failed,
                // Rang out, or the agent gave up before the customer answered.
                _ => OutcomeNames.NoAnswer,
            };
}
