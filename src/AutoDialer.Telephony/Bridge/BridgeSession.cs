using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using AutoDialer.Core.Telephony;

namespace AutoDialer.Telephony.Bridge;

/// <summary>
/// One connected workbench page: the agent it was authenticated for, its command connection, and the vendor
/// session that turns port calls into commands. Events it reports are taken only for its own agent.
/// </summary>
[SuppressMessage("Design", "CA1001", Justification = "_ended has no timer and no wait handle: cancelled when the session ends, it holds nothing to release.")]
internal sealed class BridgeSession
{
    private readonly BridgeSessions _owner;
    private readonly CancellationTokenSource _ended = new();

    internal BridgeSession(BridgeSessions owner, string agentId, BridgeConnection connection, IBridgeTransport transport, DateTimeOffset connectedAt)
    {
        _owner = owner;
        AgentId = agentId;
        Connection = connection;
        Transport = transport;
        ConnectedAt = connectedAt;
    }

    public Guid Id { get; } = Guid.NewGuid();

    public string AgentId { get; }

    public string AccountId => _owner.AccountId;

    public string Provider => _owner.Provider;

    public DateTimeOffset ConnectedAt { get; }

    public BridgeConnection Connection { get; }

    /// <summary>Where acks and refusals for this session's events go.</summary>
    internal IBridgeTransport Transport { get; }

    /// <summary>Cancelled when the server ends the session (another session replaced it, or it was closed).</summary>
    public CancellationToken Ended => _ended.Token;

    /// <summary>Why the server ended it; null while it runs.</summary>
    public string? EndReason { get; private set; }

    /// <summary>The WebSocket close status that tells the page what to do: reconnect, or not
    /// (<see cref="BridgeProtocol.CloseReplaced"/>).</summary>
    public int EndStatus { get; private set; } = BridgeProtocol.CloseGoingAway;

    internal IAgentSession Agent { get; set; } = null!;

    /// <summary>Whether the agent can take a call now, by what its page's vendor events said last.</summary>
    public AutoDialer.Core.Agents.AgentAvailability Availability => Agent?.Availability ?? AutoDialer.Core.Agents.AgentAvailability.Available;

    internal ProviderStateTracker State { get; } = new();

    /// <summary>Takes a vendor event from the page: <paramref name="claimedAgentId"/> is the agent the page says it
    /// reports for, which must be this session's; <paramref name="seq"/> is the page's number for it (null from a page
    /// that predates acks). Waits while the account's event queue is full.</summary>
    public ValueTask<BridgeEventVerdict> ReportAsync(
        string? claimedAgentId, string name, DateTimeOffset? timestamp, JsonElement payload, long? seq, CancellationToken cancellationToken) =>
        _owner.ReportAsync(this, claimedAgentId, name, timestamp, payload, seq, cancellationToken);

    /// <summary>The page's <c>call-state</c>: what its agent is doing, by its own vendor events (see
    /// <see cref="BridgeSessions.ReportCallState"/>); returns the events taken.</summary>
    public int ReportCallState(bool known, IReadOnlyList<(string Name, DateTimeOffset? Timestamp, JsonElement Payload)> events) =>
        _owner.ReportCallState(this, known, events);

    /// <summary>The page's full outbox dropped <paramref name="count"/> events (<c>outbox-full</c>): counted for <c>/healthz</c>.</summary>
    public void CountPageDropped(long count) => _owner.Queue.Counts.CountPageDropped(count);

    public bool CompleteCommand(string id, BridgeReplyStatus status, JsonElement value) => Connection.Complete(id, status, value);

    internal void End(string reason, int status)
    {
        if (EndReason is null)
        {
            EndReason = reason;
            EndStatus = status;
        }

        Connection.Close();
        _ended.Cancel();
    }
}
