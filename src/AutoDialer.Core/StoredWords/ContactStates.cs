namespace AutoDialer.Core.StoredWords;

/// <summary>
/// The stored names of <see cref="ContactState"/> (<c>contacts.state</c>, listed by the schema's
/// <c>contacts_state_check</c>), in both directions. SQL names a state by these constants, never by a literal.
/// </summary>
internal static class ContactStates
{
    public const string Pending = "pending";
    public const string Dialing = "dialing";
    public const string Deferred = "deferred";
    public const string Suppressed = "suppressed";
    public const string Done = "done";

    /// <summary>Every state, in declaration order.</summary>
    public static IReadOnlyList<ContactState> All { get; } = Array.AsReadOnly(Enum.GetValues<ContactState>());

    // Spelled out rather than derived from the member names so that renaming a member cannot change stored data.
    public static string ToName(this ContactState state) => state switch
    {
        ContactState.Pending => Pending,
        ContactState.Dialing => Dialing,
        ContactState.Deferred => Deferred,
        ContactState.Suppressed => Suppressed,
        ContactState.Done => Done,
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, "Not a defined contact state."),
    };

    /// <summary>Reads a stored name.</summary>
    /// <exception cref="FormatException">The text is not a contact state: the row was written by something else.</exception>
    public static ContactState Parse(string name) => name switch
    {
        Pending => ContactState.Pending,
        Dialing => ContactState.Dialing,
        Deferred => ContactState.Deferred,
        Suppressed => ContactState.Suppressed,
        Done => ContactState.Done,
        _ => throw new FormatException($"'{name}' is not a contact state."),
    };
}
