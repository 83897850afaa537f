namespace AutoDialer.PostgreSql.Settlement;

/// <summary>What one settlement transaction writes, as the engine decided it from <see cref="LockedAttempt"/>s.</summary>
/// <param name="Attempts">Attempts settled, or revised, with what was reported for them.</param>
/// <param name="Contacts">Their contacts' changes.</param>
/// <param name="DoNotCallPhones">Numbers that go on the do-not-call list (the vendor blacklisted them).</param>
/// <param name="NotDialled">Attempts that dialled nothing: their dials no longer count toward the callee's frequency caps.</param>
internal sealed record SettlementWrites(
    IReadOnlyList<AttemptSettlement> Attempts,
    IReadOnlyList<ContactUpdate> Contacts,
    IReadOnlyList<string> DoNotCallPhones,
    IReadOnlyList<long> NotDialled);
