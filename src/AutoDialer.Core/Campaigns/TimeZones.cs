using System.Diagnostics.CodeAnalysis;

namespace AutoDialer.Core.Campaigns;

/// <summary>Looks up IANA time zones without throwing: contact time zones come from uploaded files and may be anything.</summary>
internal static class TimeZones
{
    public static bool TryFind([NotNullWhen(true)] string? id, [NotNullWhen(true)] out TimeZoneInfo? zone)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            zone = null;
            return false;
        }

        return TimeZoneInfo.TryFindSystemTimeZoneById(id.Trim(), out zone);
    }
}
