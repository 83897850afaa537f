using System.Threading.Channels;
using AutoDialer.Core.Events;
using AutoDialer.Core.Telephony;
using AutoDialer.Telephony.Bridge;
using Microsoft.Extensions.Logging;

namespace AutoDialer.Telephony.Udesk;

/// <summary>
/// A Udesk CCPaaS tenant whose agents' workbench pages are connected through the agent bridge. Sessions are
/// this node's own; the account-wide agent list is asked through any connected agent's SDK, since Udesk's
/// front-end SDK is the only documented way to get it.
/// </summary>
internal sealed class UdeskCallCenter : ICallCenter, IBridgeAccount, IAcknowledgedEvents
{
    public UdeskCallCenter(UdeskOptions udesk, BridgeOptions bridge, TimeProvider time, ILogger<UdeskCallCenter> logger)
    {
        ArgumentNullException.ThrowIfNull(udesk);
        Sessions = new BridgeSessions(
            udesk.AccountId,
            BridgeVendor.Udesk,
            bridge,
            time,
            logger,
            session => new UdeskAgentSession(session, bridge),
            (session, callCenterEvent) => ((UdeskAgentSession)session.Agent).Tracker.Apply(callCenterEvent));
    }

    public string AccountId => Sessions.AccountId;

    public string Provider => Sessions.Provider;

    public BridgeSessions Sessions { get; }

    public ChannelReader<CallCenterEvent> Events => Sessions.Events;

    public Task CommittedAsync(IReadOnlyList<CallCenterEvent> events, CancellationToken cancellationToken) =>
        Sessions.CommittedAsync(events, cancellationToken);

    /// <summary>None while this node is stopping: its sockets close once its events are drained, and a call started
    /// meanwhile would end as lost, its outcome unknown.</summary>
    public IAgentSession? FindSession(string agentId) => Sessions.Queue.Stopping ? null : Sessions.Find(agentId)?.Agent;

    public async Task<VendorResult<IReadOnlyList<AgentStatus>>> GetOtherAgentsAsync(string? state, CancellationToken cancellationToken)
    {
        // The most recently connected session first; a session that fails to answer hands over to the next.
        VendorResult<IReadOnlyList<AgentStatus>> result = VendorResult<IReadOnlyList<AgentStatus>>.NoSession();
        foreach (var session in Sessions.Connected())
        {
            result = await ((UdeskAgentSession)session.Agent).GetOtherAgentsAsync(state, cancellationToken).ConfigureAwait(false);
            if (result.IsSuccess || !VendorCodes.IsLocal(result.Code))
            {
                return result;
            }
        }

        return result;
    }
}
