using System.Threading.Channels;
using AutoDialer.Core.Events;
using AutoDialer.Core.StoredWords;
using AutoDialer.Core.Telephony;
using AutoDialer.Core.Telephony.Meiqia;
using AutoDialer.Telephony.Bridge;
using Microsoft.Extensions.Logging;

namespace AutoDialer.Telephony.Meiqia;

/// <summary>
/// A Meiqia enterprise: agents' workbench pages connected through the agent bridge, the account-wide agent
/// list from the Open API (<c>sip/configs</c>), and SDK tokens kept fresh for connected agents — pushed with
/// <c>refreshToken</c> at half their lifetime and whenever the SDK reports <c>unAuthorization</c>.
/// </summary>
internal sealed class MeiqiaCallCenter : ICallCenter, IBridgeAccount, IAcknowledgedEvents
{
    private readonly Func<IMeiqiaOpenApi> _api;
    private readonly MeiqiaSdkTokens _tokens;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<Guid, ITimer> _refreshTimers = new();

    /// <summary>How long to wait before trying again after a refresh failed.</summary>
    public static readonly TimeSpan RefreshRetryDelay = TimeSpan.FromMinutes(1);

    public MeiqiaCallCenter(
        MeiqiaOptions meiqia,
        BridgeOptions bridge,
        Func<IMeiqiaOpenApi> api,
        MeiqiaSdkTokens tokens,
        TimeProvider time,
        ILogger<MeiqiaCallCenter> logger)
    {
        ArgumentNullException.ThrowIfNull(meiqia);
        _api = api;
        _tokens = tokens;
        _time = time;
        _logger = logger;
        Sessions = new BridgeSessions(
            meiqia.AccountId,
            BridgeVendor.Meiqia,
            bridge,
            time,
            logger,
            session =>
            {
                var agent = new MeiqiaAgentSession(session, bridge, time);
                ScheduleRefresh(session, agent);
                return agent;
            },
            OnEvent);
    }

    public string AccountId => Sessions.AccountId;

    public string Provider => Sessions.Provider;

    public BridgeSessions Sessions { get; }

    public ChannelReader<CallCenterEvent> Events => Sessions.Events;

    public Task CommittedAsync(IReadOnlyList<CallCenterEvent> events, CancellationToken cancellationToken) =>
        Sessions.CommittedAsync(events, cancellationToken);

    public MeiqiaSdkTokens Tokens => _tokens;

    /// <summary>None while this node is stopping: its sockets close once its events are drained, and a call started
    /// meanwhile would end as lost, its outcome unknown.</summary>
    public IAgentSession? FindSession(string agentId) => Sessions.Queue.Stopping ? null : Sessions.Find(agentId)?.Agent;

    public async Task<VendorResult<IReadOnlyList<AgentStatus>>> GetOtherAgentsAsync(string? state, CancellationToken cancellationToken)
    {
        IReadOnlyList<MeiqiaAgent> agents;
        try
        {
            agents = await _api().GetAgentsAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (MeiqiaOpenApiException exception)
        {
            _logger.LogWarning("Meiqia agent list unavailable: {Reason}", exception.Message);
            return VendorResult<IReadOnlyList<AgentStatus>>.Failure(
                exception.Error == MeiqiaOpenApiError.Unauthorized ? VendorCodes.OpenApiUnauthorized : VendorCodes.OpenApiUnavailable,
                exception.Message);
        }

        // The list is one of the two words on each connected agent's availability (the SDK's events are the other).
        var fetchedAt = _time.GetUtcNow();
        var listed = agents.GroupBy(a => a.AgentId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        foreach (var session in Sessions.Connected())
        {
            ((MeiqiaAgentSession)session.Agent).Tracker.Listed(listed.GetValueOrDefault(session.AgentId), fetchedAt);
        }

        var filter = state is null ? (AgentState?)null : AgentStates.Parse(state);
        IReadOnlyList<AgentStatus> statuses = agents
            .Where(a => filter is null || (a.SeatValidAt(fetchedAt) ? a.State : AgentState.Offline) == filter)
            .Select(a => new AgentStatus(
                a.AgentId,
                a.EntId ?? "",
                a.RealName,
                Enable: a.RegisterStatus != MeiqiaAgent.Unregistered,
                a.State == AgentState.Unknown ? a.WorkerStatus : AgentStates.ToName(a.State),
                WrapUpTime: 0))
            .ToArray();
        return VendorResult<IReadOnlyList<AgentStatus>>.Success(statuses);
    }

    private void OnEvent(BridgeSession session, CallCenterEvent callCenterEvent)
    {
        ((MeiqiaAgentSession)session.Agent).Tracker.Apply(callCenterEvent);
        if (callCenterEvent.Name == MeiqiaEventNames.UnAuthorization)
        {
            _logger.LogInformation("Meiqia SDK of agent {AgentId} reports its token expired; logging in again", session.AgentId);
            _ = PushFreshTokenAsync(session, (MeiqiaAgentSession)session.Agent, force: true);
        }
    }

    /// <summary>At half the cached token's lifetime (or after <paramref name="retryAfter"/> when the last refresh
    /// failed), a new token is fetched and handed to the page. One timer per session; a new one replaces it.</summary>
    private void ScheduleRefresh(BridgeSession session, MeiqiaAgentSession agent, TimeSpan? retryAfter = null)
    {
        TimeSpan due;
        if (retryAfter is { } retry)
        {
            due = retry;
        }
        else if (_tokens.Cached(session.AgentId) is { } token)
        {
            due = token.RefreshAt - _time.GetUtcNow();
        }
        else
        {
            // The page's token did not come from us: only unAuthorization can tell us it is stale.
            return;
        }

        var timer = _time.CreateTimer(
            _ => _ = PushFreshTokenAsync(session, agent, force: false),
            null,
            due < TimeSpan.Zero ? TimeSpan.Zero : due,
            Timeout.InfiniteTimeSpan);
        if (_refreshTimers.TryGetValue(session.Id, out var previous))
        {
            previous.Dispose();
        }

        _refreshTimers[session.Id] = timer;
        session.Ended.Register(() =>
        {
            if (_refreshTimers.TryRemove(session.Id, out var last))
            {
                last.Dispose();
            }
        });
    }

    private async Task PushFreshTokenAsync(BridgeSession session, MeiqiaAgentSession agent, bool force)
    {
        try
        {
            var token = force
                ? await _tokens.RefreshAsync(session.AgentId, session.Ended).ConfigureAwait(false)
                : await _tokens.GetAsync(session.AgentId, session.Ended).ConfigureAwait(false);
            var result = await agent.RefreshTokenAsync(token.Token, session.Ended).ConfigureAwait(false);
            if (!result.IsSuccess)
            {
                _logger.LogWarning("Meiqia refreshToken for agent {AgentId} failed: {Code} {Message}", session.AgentId, result.Code, result.Message);
            }
        }
        catch (OperationCanceledException) when (session.Ended.IsCancellationRequested)
        {
            return;
        }
        catch (MeiqiaOpenApiException exception)
        {
            _logger.LogWarning("Meiqia token refresh for agent {AgentId} failed: {Reason}", session.AgentId, exception.Message);
            ScheduleRefresh(session, agent, RefreshRetryDelay);
            return;
        }

        if (!session.Ended.IsCancellationRequested)
        {
            ScheduleRefresh(session, agent);
        }
    }
}
