namespace AutoDialer.Core.StoredWords;

/// <summary>
/// The stored names of <see cref="AttemptStatus"/> (<c>attempts.status</c>, listed by the schema's
/// <c>attempts_status_check</c>), in both directions. SQL names a status by these constants, never by a literal.
/// </summary>
internal static class AttemptStatuses
{
    public const string Offered = "offered";
    public const string Dialing = "dialing";
    public const string Placed = "placed";
    public const string Unknown = "unknown";
    public const string Settled = "settled";

    /// <summary>Every status, in declaration order.</summary>
    public static IReadOnlyList<AttemptStatus> All { get; } = Array.AsReadOnly(Enum.GetValues<AttemptStatus>());

    // Spelled out rather than derived from the member names so that renaming a member cannot change stored data.
    public static string ToName(this AttemptStatus status) => status switch
    {
        AttemptStatus.Offered => Offered,
        AttemptStatus.Dialing => Dialing,
        AttemptStatus.Placed => Placed,
        AttemptStatus.Unknown => Unknown,
        AttemptStatus.Settled => Settled,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Not a defined attempt status."),
    };

    /// <summary>Reads a stored name.</summary>
    /// <exception cref="FormatException">The text is not an attempt status: the row was written by something else.</exception>
    public static AttemptStatus Parse(string name) => name switch
    {
        Offered => AttemptStatus.Offered,
        Dialing => AttemptStatus.Dialing,
        Placed => AttemptStatus.Placed,
        Unknown => AttemptStatus.Unknown,
        Settled => AttemptStatus.Settled,
        _ => throw new FormatException($"'{name}' is not an attempt status."),
    };
}
