using System.Collections.Concurrent;

namespace AutoDialer.Telephony.Meiqia;

/// <summary>
/// SDK tokens per agent: a cached token is handed out until half its lifetime, then a new one is fetched, as
/// the document asks; <see cref="RefreshAsync"/> forces one (after <c>unAuthorization</c>). Concurrent requests
/// for one agent share one login.
/// </summary>
internal sealed class MeiqiaSdkTokens(Func<IMeiqiaOpenApi> api, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, MeiqiaSdkToken> _tokens = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _logins = new(StringComparer.Ordinal);

    /// <summary>The agent's token, fresh enough to use (before half its lifetime).</summary>
    public Task<MeiqiaSdkToken> GetAsync(string agentId, CancellationToken cancellationToken) =>
        ObtainAsync(agentId, stale: null, cancellationToken);

    /// <summary>A new token, unless another caller already replaced the one in use meanwhile.</summary>
    public Task<MeiqiaSdkToken> RefreshAsync(string agentId, CancellationToken cancellationToken) =>
        ObtainAsync(agentId, stale: Cached(agentId), cancellationToken);

    /// <summary>The cached token, whatever its age.</summary>
    public MeiqiaSdkToken? Cached(string agentId) => _tokens.GetValueOrDefault(agentId);

    private async Task<MeiqiaSdkToken> ObtainAsync(string agentId, MeiqiaSdkToken? stale, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(agentId);
        var gate = _logins.GetOrAdd(agentId, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_tokens.TryGetValue(agentId, out var cached) && !ReferenceEquals(cached, stale) && time.GetUtcNow() < cached.RefreshAt)
            {
                return cached;
            }

            var token = await api().LoginAsync(agentId, cancellationToken).ConfigureAwait(false);
            _tokens[agentId] = token;
            return token;
        }
        finally
        {
            gate.Release();
        }
    }
}
