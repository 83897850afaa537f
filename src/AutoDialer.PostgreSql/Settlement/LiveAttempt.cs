using AutoDialer.Core.StoredWords;

namespace AutoDialer.PostgreSql.Settlement;

/// <summary>An attempt that has no outcome yet, as the stale-attempt sweeper sees it.</summary>
/// <param name="Node">The node that leased it (and sends its make-call).</param>
/// <param name="NodeAlive">That node still renews its rows in the cluster's directory (<c>dialer_accounts</c>).</param>
/// <param name="MakeCallDeadline">Its make-call's deadline, from the mark written before it was sent; null when it was never sent.</param>
/// <param name="MakeCallSession">The workbench page's session its make-call was sent on, if a page's.</param>
internal sealed record LiveAttempt(long Id, string ProviderAccount, string AgentId, AttemptStatus Status, string? CallId, DateTimeOffset CreatedAt,
    string Node, bool NodeAlive, DateTimeOffset? MakeCallDeadline = null, string? MakeCallSession = null);
