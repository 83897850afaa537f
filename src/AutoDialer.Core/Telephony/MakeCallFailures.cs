namespace AutoDialer.Core.Telephony;

/// <summary>
/// Reads a failed make-call: was it a call at all, whose fault was it, and does it count against the provider. Only a
/// provider failure (and a timeout, which may be one) counts toward the circuit breaker; a refusal because of the agent
/// or of our request gives the contact its attempt back.
/// </summary>
internal static class MakeCallFailures
{
    /// <summary>The local code our own open circuit answers with (the provider was never asked).</summary>
    public const string CircuitOpenCode = "AD-CIRCUIT-OPEN";

    public static MakeCallFailureKind Classify(VendorResult failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        if (failure.IsSuccess)
        {
            throw new ArgumentException("The make-call succeeded.", nameof(failure));
        }

        return failure.Code switch
        {
            VendorCodes.Timeout or VendorCodes.NoSession or VendorCodes.PlacedLate => MakeCallFailureKind.MayHaveRung,
            VendorCodes.AgentNotIdle => MakeCallFailureKind.AgentRefused,
            VendorCodes.InvalidRequest or VendorCodes.BusinessIdTooLong => MakeCallFailureKind.RequestRefused,
            VendorCodes.InvalidNumber => MakeCallFailureKind.InvalidNumber,
            CircuitOpenCode or VendorCodes.DeadlinePassed or VendorCodes.StateNotKnown => MakeCallFailureKind.NotAsked,
            _ => MakeCallFailureKind.ProviderFailure,
        };
    }

    /// <summary>Whether a failed vendor request says the provider is unwell: a provider failure, or a timeout.</summary>
    public static bool CountsAgainstProvider(VendorResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return !result.IsSuccess && (result.Code == VendorCodes.Timeout || Classify(result) == MakeCallFailureKind.ProviderFailure);
    }

    /// <summary>Whether nothing rang and the contact gets its attempt back.</summary>
    public static bool NotDialled(MakeCallFailureKind kind) =>
        kind is MakeCallFailureKind.AgentRefused or MakeCallFailureKind.RequestRefused or MakeCallFailureKind.NotAsked;
}
