using System.Collections.Concurrent;
using AutoDialer.Core.Telephony;
using Microsoft.Extensions.Options;

namespace AutoDialer.Dialing.Telephony;

/// <summary>One <see cref="ProviderResilience"/> per provider account, created on first use.</summary>
internal sealed class ProviderResiliences(IOptions<DialingOptions> options, TimeProvider timeProvider) : IProviderHealth
{
    private readonly ConcurrentDictionary<string, ProviderResilience> _accounts = new(StringComparer.Ordinal);

    public ProviderResilience For(string accountId) =>
        _accounts.GetOrAdd(accountId, id => new ProviderResilience(id, options.Value, timeProvider));

    public IReadOnlyCollection<ProviderResilience> All => _accounts.Values.ToList();

    public IReadOnlyList<ProviderCircuit> Circuits() =>
        _accounts.Values.OrderBy(a => a.AccountId, StringComparer.Ordinal)
            .Select(a => new ProviderCircuit(a.AccountId, a.DispatchPaused,
                a.DispatchPaused ? $"make-call circuit {a.MakeCallCircuitState}: the provider keeps failing, dispatch paused" : null, null))
            .ToList();
}
