using AutoDialer.Core.Events;
using AutoDialer.Core.StoredWords;

namespace AutoDialer.Simulation.Pages;

/// <summary>What really happened to a call, in the dialer's outcome words, from the call center's side.</summary>
internal static class TruthOutcome
{
    public static string Of(bool answered, string? hangupCause) =>
        answered
            ? CallOutcomes.Answered
            : hangupCause switch
            {
                HangupCauses.UserBusy => CallOutcomes.Busy,
                HangupCauses.CallRejected => CallOutcomes.Rejected,
                HangupCauses.NormalTemporaryFailure => CallOutcomes.Failed,
                // Rang out, or the agent gave up before the customer answered.
                _ => CallOutcomes.NoAnswer,
            };
}
