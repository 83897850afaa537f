using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace AutoDialer.AspNetCore.Dialing;

/// <summary>One <see cref="ProviderResilience"/> per provider account, created on first use.</summary>
public sealed class ProviderResiliences(IOptions<DialingOptions> options, TimeProvider timeProvider)
{
    private readonly ConcurrentDictionary<string, ProviderResilience> accounts = new(StringComparer.Ordinal);

    public ProviderResilience For(string accountId) =>
        accounts.GetOrAdd(accountId, id => new ProviderResilience(id, options.Value, timeProvider));

    public IReadOnlyCollection<ProviderResilience> All => accounts.Values.ToList();
}
