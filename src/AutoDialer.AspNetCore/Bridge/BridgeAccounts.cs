using AutoDialer.Telephony.Bridge;

namespace AutoDialer.AspNetCore.Bridge;

/// <summary>The provider accounts whose agents connect through the bridge on this host, by account id.</summary>
internal sealed class BridgeAccounts(IEnumerable<IBridgeAccount> accounts)
{
    private readonly Dictionary<string, BridgeSessions> _byId =
        accounts.Select(a => a.Sessions).ToDictionary(s => s.AccountId, StringComparer.Ordinal);

    public BridgeSessions? Find(string accountId) => _byId.GetValueOrDefault(accountId);

    /// <summary>The account for a token request: the one named, else the only one (of the provider, when given).</summary>
    public BridgeSessions? Resolve(string? accountId, string? provider)
    {
        if (!string.IsNullOrEmpty(accountId))
        {
            return Find(accountId) is { } named && (provider is null || named.Provider == provider) ? named : null;
        }

        var candidates = _byId.Values.Where(s => provider is null || s.Provider == provider).ToArray();
        return candidates.Length == 1 ? candidates[0] : null;
    }

    public IReadOnlyCollection<string> AccountIds => _byId.Keys;
}
