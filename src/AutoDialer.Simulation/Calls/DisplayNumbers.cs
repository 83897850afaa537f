using AutoDialer.Core.Telephony;

namespace AutoDialer.Simulation.Calls;

/// <summary>
/// Which number a simulated agent's call shows, as the vendor decides it: the requested caller number when one of the
/// agent's sources carries it, else a number of the requested (or selected) source; shared by the in-process session
/// and the out-of-process simulated phone.
/// </summary>
internal static class DisplayNumbers
{
    /// <returns>The number; "" when the call shows none; null when the request names a number or source the agent lacks.</returns>
    public static string? For(MakeCallRequest request, IReadOnlyList<NumberSource> sources, NumberSourceRef? selected, int pick)
    {
        if (request.CallerNumber is { } callerNumber)
            return sources.Any(s => s.Numbers.Contains(callerNumber, StringComparer.Ordinal)) ? callerNumber : null;

        var reference = request.NumberSource ?? selected;
        if (reference is null)
            return "";

        var source = sources.FirstOrDefault(s => s.Type == reference.Type && s.Id == reference.Id);
        if (source is null)
            return null;

        return source.Numbers.Count == 0 ? "" : source.Numbers[pick % source.Numbers.Count];
    }
}
