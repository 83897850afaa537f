using System.Globalization;

namespace AutoDialer.Simulation.Calls;

/// <summary>
/// Where make-calls get their <see cref="CallDraws"/>: from the seed, the business id and how many times that business id
/// was requested of this source, so a run is reproducible whatever order concurrent requests come in. The in-process
/// call center has one for all its agents, a page simulator's phone one of its own. Used under its owner's lock.
/// </summary>
internal sealed class CallDrawSource(int seed, CustomerBehaviour customers, DurationDistribution wrapUpTime, DurationDistribution latency)
{
    private readonly Dictionary<string, int> _requests = new(StringComparer.Ordinal);

    public CustomerBehaviour Customers => customers;

    /// <summary>Requests per business id so far.</summary>
    public IReadOnlyDictionary<string, int> Requests => _requests;

    /// <summary>Counts a request of <paramref name="businessId"/>; returns how many times it was requested, this one included.</summary>
    public int Count(string businessId) => _requests[businessId] = _requests.GetValueOrDefault(businessId) + 1;

    /// <summary>The draws of the <paramref name="count"/>th request of <paramref name="businessId"/>.</summary>
    public CallDraws Draw(string businessId, int count) =>
        CallDraws.Draw(customers, wrapUpTime, latency, StableRandom.Create(seed, "call", businessId, count.ToString(CultureInfo.InvariantCulture)));

    /// <summary>Counts a request and draws for it.</summary>
    public CallDraws Next(string businessId) => Draw(businessId, Count(businessId));
}
