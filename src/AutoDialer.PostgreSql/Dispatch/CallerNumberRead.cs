namespace AutoDialer.PostgreSql.Dispatch;

/// <summary>What a lease does with its campaign's caller numbers (<see cref="LeaseTransaction"/>).</summary>
internal enum CallerNumberRead
{
    /// <summary>The campaign has none: nothing is read.</summary>
    None,

    /// <summary>Read as they are (a choice that needs only the shared cursor: round robin without caps).</summary>
    Read,

    /// <summary>
    /// Read and locked for the rest of the lease (a choice that depends on the numbers' use), so choices made at once on
    /// several nodes see each other's counts.
    /// </summary>
    Lock,
}
