namespace AutoDialer.PostgreSql.Settlement;

/// <summary>What one settlement transaction writes, as the engine decided it from <see cref="LockedAttempt"/>s.</summary>
/// <param name="Attempts">Attempts settled, or revised, with what was reported for them.</param>
/// <param name="Contacts">Their contacts' changes.</param>
/// <param name="DoNotCallPhones">Numbers that go on the do-not-call list (the vendor blacklisted them, or an agent said so).</param>
/// <param name="NotDialled">Attempts that dialled nothing: their dials no longer count toward the callee's frequency caps.</param>
internal sealed record SettlementWrites(
    IReadOnlyList<AttemptSettlement> Attempts,
    IReadOnlyList<ContactUpdate> Contacts,
    IReadOnlyList<string> DoNotCallPhones,
    IReadOnlyList<long> NotDialled)
{
    /// <summary>Dispositions to keep with their attempts.</summary>
    public IReadOnlyList<DispositionWrite> Dispositions { get; init; } = [];

    /// <summary>Agents kept in wrap-up until their call's disposition comes.</summary>
    public IReadOnlyList<WrapUp> WrapUps { get; init; } = [];

    /// <summary>Attempts whose disposition came: their agents' wrap-up wait ends.</summary>
    public IReadOnlyList<long> WrapUpsEnded { get; init; } = [];

    /// <summary>
    /// The do-not-call additions are an agent's (source <c>disposition</c>): they take the dial fence, as the API's do. A
    /// vendor's blacklisting (source <c>blacklist</c>) does not: it is applied by the event pump, which must not wait for
    /// calls being placed, and the gate's checks see the list anyway.
    /// </summary>
    public bool DoNotCallFenced { get; init; }
}
