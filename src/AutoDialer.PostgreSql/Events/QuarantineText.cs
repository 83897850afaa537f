namespace AutoDialer.PostgreSql.Events;

/// <summary>
/// Text that PostgreSQL takes whatever a page sent: a NUL (U+0000), which no text column can hold (22021), written as the
/// six characters <c>\u0000</c>, as JSON writes it. Only for the quarantine, where an event is kept to be read by a
/// person; nothing looks an event up by these values.
/// </summary>
internal static class QuarantineText
{
    public const string NulEscape = "\\u0000";

    public static string Storable(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Replace("\0", NulEscape, StringComparison.Ordinal);
    }
}
