namespace AutoDialer.Core.Dispatch;

/// <summary>The next read of due contacts in a lease: past those already looked at, as many as agents are left.</summary>
internal sealed record CandidateQuery(IReadOnlyList<long> Seen, int Limit);
