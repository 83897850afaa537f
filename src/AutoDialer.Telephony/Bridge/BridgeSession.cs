using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using AutoDialer.Core.Agents;
using AutoDialer.Core.Preview;
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
    private readonly ConcurrentDictionary<long, (TaskCompletionSource<PreviewAnswer> Answer, bool SkipAllowed)> _offers = new();

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

    /// <summary>Now, on the clock this session's commands and deadlines are on.</summary>
    public DateTimeOffset Now => _owner.Time.GetUtcNow();

    public BridgeConnection Connection { get; }

    /// <summary>What the page reported of the make-calls it handed to its SDK (<c>call-state</c>).</summary>
    public PageMakeCalls MakeCalls { get; } = new();

    /// <summary>This session's id as the page's welcome named it.</summary>
    public string PageSessionId => Id.ToString("N");

    /// <summary>Whether the page says the make-call for <paramref name="businessId"/> sent on its session
    /// <paramref name="sentOnSession"/> never reached its SDK (<see cref="PageMakeCalls.SaysNeverDialled"/>).</summary>
    public bool PageSaysNeverDialled(string businessId, string sentOnSession, DateTimeOffset deadline) =>
        MakeCalls.SaysNeverDialled(businessId, sentOnSession, PageSessionId, deadline);

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

    /// <summary>The screen pop: sends the page the card of a call placed for its agent. Nothing waits for the page.</summary>
    public async Task ShowCardAsync(CallCard card, CancellationToken cancellationToken)
    {
        if (Ended.IsCancellationRequested) return;
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, Ended);
        try
        {
            await Transport.SendAsync(BridgeProtocol.CallMessage(card), linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The session ended while sending: the page is gone, and so is its card.
        }
    }

    /// <summary>
    /// Offers a contact to the page and waits for its decision (<see cref="Decide"/>) until the offer's deadline on the
    /// server's clock: <see cref="PreviewAnswer.TimedOut"/> then, <see cref="PreviewAnswer.Lost"/> when the session ends or
    /// the offer cannot be sent. The page hears <c>offer-ended</c> with the answer.
    /// </summary>
    public async Task<PreviewAnswer> OfferAsync(PreviewOffer offer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(offer);
        var attemptId = offer.Card.AttemptId;
        var answer = new TaskCompletionSource<PreviewAnswer>(TaskCreationOptions.RunContinuationsAsynchronously);
        _offers[attemptId] = (answer, offer.SkipAllowed);
        var ended = PreviewAnswer.Lost;
        try
        {
            if (Ended.IsCancellationRequested) return ended;
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, Ended);
            try
            {
                await Transport.SendAsync(BridgeProtocol.OfferMessage(offer), linked.Token).ConfigureAwait(false);
                var wait = offer.Deadline - _owner.Time.GetUtcNow();
                ended = await answer.Task.WaitAsync(wait > TimeSpan.Zero ? wait : TimeSpan.Zero, _owner.Time, linked.Token).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                ended = PreviewAnswer.TimedOut;
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                ended = PreviewAnswer.Lost;
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // The socket failed: the page cannot have seen the offer through.
                ended = PreviewAnswer.Lost;
            }

            return ended;
        }
        finally
        {
            _offers.TryRemove(attemptId, out _);
            if (ended != PreviewAnswer.Lost && !Ended.IsCancellationRequested)
                _ = TellOfferEndedAsync(attemptId, ended);
        }
    }

    /// <summary>The page's decision on one of its open offers: a skip the offer did not allow is refused and the countdown runs on.</summary>
    public OfferDecision Decide(long attemptId, PreviewAnswer decision)
    {
        if (!_offers.TryGetValue(attemptId, out var offer))
            return OfferDecision.NoSuchOffer;
        if (decision == PreviewAnswer.Skip && !offer.SkipAllowed)
            return OfferDecision.SkipNotAllowed;
        return offer.Answer.TrySetResult(decision) ? OfferDecision.Taken : OfferDecision.NoSuchOffer;
    }

    private async Task TellOfferEndedAsync(long attemptId, PreviewAnswer answer)
    {
        try
        {
            await Transport.SendAsync(BridgeProtocol.OfferEndedMessage(attemptId, answer), Ended).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is OperationCanceledException or System.Net.WebSockets.WebSocketException or ObjectDisposedException)
        {
            // The page is gone; it has no offer to clear.
        }
    }

    internal void End(string reason, int status)
    {
        if (EndReason is null)
        {
            EndReason = reason;
            EndStatus = status;
        }

        Connection.Close();
        _ended.Cancel();
        foreach (var offer in _offers.Values)
            offer.Answer.TrySetResult(PreviewAnswer.Lost);
    }
}
