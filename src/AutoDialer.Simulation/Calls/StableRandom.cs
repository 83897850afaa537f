using System.Text;

namespace AutoDialer.Simulation.Calls;

/// <summary>
/// Random sources keyed by what they decide (a call, an event), so one call's draws do not depend on how
/// many other calls or events came before it: a run is reproducible even when concurrent requests
/// interleave differently. Uses FNV-1a, not string.GetHashCode, which changes between processes.
/// </summary>
internal static class StableRandom
{
    public static Random Create(int seed, params ReadOnlySpan<string> parts)
    {
        const ulong prime = 1099511628211;
        var hash = 14695981039346656037 ^ (uint)seed;
        hash *= prime;
        foreach (var part in parts)
        {
            foreach (var b in Encoding.UTF8.GetBytes(part))
            {
                hash = (hash ^ b) * prime;
            }

            hash = (hash ^ 0xFF) * prime; // separator: ("ab","c") differs from ("a","bc")
        }

        return new Random((int)(hash ^ (hash >> 32)));
    }
}
