using System.Globalization;

namespace AutoDialer.PostgreSql.Audit;

/// <summary>
/// A place in the audit trail's order (newest first: by time, then id), as a keyset page's "continue after": entries
/// written meanwhile never shift a page, and none is shown twice. Its text is <c>{microseconds since 1970}.{id}</c>.
/// </summary>
internal sealed record AuditCursor(DateTime At, long Id)
{
    public string ToText() =>
        string.Create(CultureInfo.InvariantCulture, $"{(At.ToUniversalTime() - DateTime.UnixEpoch).Ticks / TimeSpan.TicksPerMicrosecond}.{Id}");

    /// <summary>Reads a cursor's text; null when it is not one.</summary>
    public static AuditCursor? Parse(string? text)
    {
        var dot = text?.IndexOf('.', StringComparison.Ordinal) ?? -1;
        if (dot <= 0
            || !long.TryParse(text![..dot], NumberStyles.None, CultureInfo.InvariantCulture, out var micros)
            || !long.TryParse(text[(dot + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            || micros > (DateTime.MaxValue - DateTime.UnixEpoch).Ticks / TimeSpan.TicksPerMicrosecond)
            return null;
        return new AuditCursor(DateTime.UnixEpoch.AddTicks(micros * TimeSpan.TicksPerMicrosecond), id);
    }
}
