using System.Globalization;

namespace AutoDialer.Core.Telephony.Meiqia;

/// <summary>
/// The per-call <c>outNumber</c> of Meiqia's <c>call({ client })</c>: a caller number, or a number group as
/// <c>group{ID}</c>. It takes precedence over what <c>setOutNumber</c> selected.
/// </summary>
internal static class MeiqiaOutNumber
{
    /// <summary>
    /// The <c>outNumber</c> for a make-call: its caller number when it names one, else its number source
    /// (a manual number as itself, a group as <c>group{ID}</c>), else null to keep the agent's selection.
    /// </summary>
    public static string? For(MakeCallRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!string.IsNullOrWhiteSpace(request.CallerNumber))
        {
            return request.CallerNumber;
        }

        return request.NumberSource switch
        {
            null => null,
            { Type: NumberSourceType.NumberPool } pool => Group(pool.Id),
            { } manual => manual.Id,
        };
    }

    public static string Group(string groupId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(groupId);
        return MeiqiaAssumptions.OutNumberGroupPrefix + groupId;
    }

    /// <summary>The group id of an <c>outNumber</c> of the form <c>group{ID}</c>, or null for a plain number.</summary>
    public static string? GroupIdOf(string outNumber)
    {
        ArgumentNullException.ThrowIfNull(outNumber);
        var prefix = MeiqiaAssumptions.OutNumberGroupPrefix;
        return outNumber.StartsWith(prefix, StringComparison.Ordinal)
            && outNumber.Length > prefix.Length
            && long.TryParse(outNumber.AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out _)
                ? outNumber[prefix.Length..]
                : null;
    }
}
