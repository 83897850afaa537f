namespace AutoDialer.Core.Telephony;

/// <summary>What a failed make-call says happened (<see cref="MakeCallFailures.Classify"/>).</summary>
internal enum MakeCallFailureKind
{
    /// <summary>No answer in time, or the session went away: the phone may have rung. Left unknown, never redialled blindly.</summary>
    MayHaveRung,

    /// <summary>Refused because of the agent (busy, not registered, device offline): nothing rang, the contact keeps its attempt.</summary>
    AgentRefused,

    /// <summary>Refused because of our request (validation, a business id too long): nothing rang, the contact keeps its attempt.</summary>
    RequestRefused,

    /// <summary>Our own open circuit: the provider was never asked; the contact keeps its attempt.</summary>
    NotAsked,

    /// <summary>The number is not diallable: a final outcome, nothing about the provider's health.</summary>
    InvalidNumber,

    /// <summary>The provider failed: the only kind that counts toward its circuit breaker.</summary>
    ProviderFailure,
}
