namespace AutoDialer.Core.Dispatch;

/// <summary>One read of due contacts in a lease, with their callees' recent dials.</summary>
/// <param name="Limit">How many contacts the read asked for: a page with fewer is the last there is.</param>
/// <param name="Candidates">The contacts, locked, in order of service.</param>
/// <param name="RecentDials">
/// Each callee's dials by any campaign within the caps' lookback, for the callees whose lock this lease took and that
/// have no live attempt in any campaign: a callee missing here is being dialled by another lease, or is in a call, right
/// now. Null when the callees were not looked up (then none is skipped).
/// </param>
internal sealed record CandidatePage(int Limit, IReadOnlyList<LeaseCandidate> Candidates, IReadOnlyDictionary<string, IReadOnlyList<CalleeDial>>? RecentDials);
