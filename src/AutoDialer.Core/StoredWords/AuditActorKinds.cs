namespace AutoDialer.Core.StoredWords;

/// <summary>
/// The stored names of <see cref="AuditActorKind"/> (<c>audit_entries.actor_kind</c>, listed by the schema's
/// <c>audit_entries_actor_kind_check</c>; also the API's word), in both directions.
/// </summary>
internal static class AuditActorKinds
{
    public const string User = "user";
    public const string ApiKey = "api_key";
    public const string Local = "local";
    public const string Agent = "agent";

    /// <summary>Every kind, in declaration order.</summary>
    public static IReadOnlyList<AuditActorKind> All { get; } = Array.AsReadOnly(Enum.GetValues<AuditActorKind>());

    // Spelled out rather than derived from the member names so that renaming a member cannot change stored data.
    public static string ToName(this AuditActorKind kind) => kind switch
    {
        AuditActorKind.User => User,
        AuditActorKind.ApiKey => ApiKey,
        AuditActorKind.Local => Local,
        AuditActorKind.Agent => Agent,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a defined audit actor kind."),
    };

    /// <summary>Reads a stored name.</summary>
    /// <exception cref="FormatException">The text is not an actor kind: the row was written by something else.</exception>
    public static AuditActorKind Parse(string name) => name switch
    {
        User => AuditActorKind.User,
        ApiKey => AuditActorKind.ApiKey,
        Local => AuditActorKind.Local,
        Agent => AuditActorKind.Agent,
        _ => throw new FormatException($"'{name}' is not an audit actor kind."),
    };
}
