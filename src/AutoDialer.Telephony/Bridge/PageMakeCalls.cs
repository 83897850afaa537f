namespace AutoDialer.Telephony.Bridge;

/// <summary>
/// What a workbench page reported of the make-calls it handed to its SDK (<c>call-state</c>'s <c>sessions</c> and
/// <c>dialled</c>): the bridge sessions it has had since it loaded and every business id it handed to the SDK in them.
/// The call center's own record, so the page can answer for a make-call whose answer was lost: one sent on a session in
/// that list and not among the ids never reached the SDK, once the page has left that session (nothing sent on it can
/// arrive any more) or spoke after the make-call's deadline (the page refuses a make-call past it). A page that reloaded
/// since, or reports nothing, answers for nothing.
/// </summary>
internal sealed class PageMakeCalls
{
    /// <summary>How far past a make-call's deadline a report made on its own session must be: the page judges deadlines
    /// on the server's clock as its welcome told it, off by the welcome's transit.</summary>
    public static readonly TimeSpan DeadlineMargin = TimeSpan.FromSeconds(2);

    private readonly object _gate = new();
    private HashSet<string> _sessions = new(StringComparer.Ordinal);
    private HashSet<string> _dialled = new(StringComparer.Ordinal);
    private DateTimeOffset? _reportedAt;

    /// <summary>The page's latest report, received at <paramref name="at"/> (server clock); it replaces the one before.</summary>
    public void Report(IEnumerable<string> sessions, IEnumerable<string> dialled, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(sessions);
        ArgumentNullException.ThrowIfNull(dialled);
        var (reportedSessions, reportedDialled) = (sessions.ToHashSet(StringComparer.Ordinal), dialled.ToHashSet(StringComparer.Ordinal));
        lock (_gate)
        {
            (_sessions, _dialled, _reportedAt) = (reportedSessions, reportedDialled, at);
        }
    }

    /// <summary>Whether the page's latest report, made on <paramref name="currentSession"/>, says that the make-call for
    /// <paramref name="businessId"/> sent on <paramref name="sentOnSession"/> with <paramref name="deadline"/> never reached its SDK.</summary>
    public bool SaysNeverDialled(string businessId, string sentOnSession, string currentSession, DateTimeOffset deadline)
    {
        lock (_gate)
        {
            if (_reportedAt is not { } reportedAt || !_sessions.Contains(sentOnSession) || _dialled.Contains(businessId)) return false;
            return !string.Equals(sentOnSession, currentSession, StringComparison.Ordinal) || reportedAt > deadline + DeadlineMargin;
        }
    }
}
