namespace AutoDialer.Core.Telephony;

/// <summary>
/// The state of the circuit breakers in front of each provider account, for health checks and the dashboard.
/// The dialing engine implements it; a host without an engine has none registered.
/// </summary>
internal interface IProviderHealth
{
    IReadOnlyList<ProviderCircuit> Circuits();
}

/// <param name="Open">True while calls to the account are being refused by the breaker (dispatch for it is paused).</param>
/// <param name="Reason">Why it opened (the last vendor error), when it is open.</param>
/// <param name="Since">When the circuit entered its current state.</param>
internal sealed record ProviderCircuit(string ProviderAccount, bool Open, string? Reason, DateTimeOffset? Since);
