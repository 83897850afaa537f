namespace AutoDialer.Core.Dispatch;

/// <summary>What one lease writes, as <see cref="LeasePlanner"/> decided it.</summary>
/// <param name="Leases">The contacts leased, one per agent served, in order of service: attempts to write.</param>
/// <param name="Moves">The contacts the gate refused and where they go, in the order refused.</param>
/// <param name="Today">The campaign's day, in its time zone: caller numbers' per-day counts are kept for it.</param>
/// <param name="NumberUses">How many of <paramref name="Leases"/> each caller number shows, by <see cref="CallerNumber.Id"/>.</param>
/// <param name="NextPage">Where to read more due contacts (agents are left and the last page was full); null when done.</param>
internal sealed record LeasePlan(
    IReadOnlyList<DialLease> Leases,
    IReadOnlyList<ContactMove> Moves,
    DateOnly Today,
    IReadOnlyList<(string NumberId, int Uses)> NumberUses,
    CandidateQuery? NextPage)
{
    /// <summary>Nothing to write: no lease and no refusal.</summary>
    public bool IsEmpty => Leases.Count == 0 && Moves.Count == 0;
}
