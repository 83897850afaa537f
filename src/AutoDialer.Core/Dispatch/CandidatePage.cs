namespace AutoDialer.Core.Dispatch;

/// <summary>One read of due contacts in a lease, with their callees' recent dials.</summary>
/// <param name="Limit">How many contacts the read asked for: a page with fewer is the last there is.</param>
/// <param name="Candidates">The contacts, locked, in order of service.</param>
/// <param name="RecentDials">
/// Each callee's dials by any campaign within the caps' lookback, for the callees whose lock this lease took: a callee
/// missing here is being dialled by another lease right now. Null when no cap is on (nothing to count, nothing locked).
/// </param>
internal sealed record CandidatePage(int Limit, IReadOnlyList<LeaseCandidate> Candidates, IReadOnlyDictionary<string, IReadOnlyList<CalleeDial>>? RecentDials);
