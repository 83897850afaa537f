using System.Threading.Channels;
using AutoDialer.Core.Events;
using AutoDialer.Core.StoredWords;

namespace AutoDialer.Core.Telephony;

/// <summary>
/// One provider account (a Udesk app, a Meiqia enterprise): the sessions of its agents, the account-wide
/// agent list, and the events of all its sessions.
/// </summary>
internal interface ICallCenter
{
    string AccountId { get; }

    /// <summary>Whose account it is, as the cluster's directory shows it: udesk, meiqia, simulator.</summary>
    string Provider { get; }

    /// <summary>The agent's connected session, or null when its workbench is not connected now.</summary>
    IAgentSession? FindSession(string agentId);

    /// <summary>Udesk <c>GetOtherAgentsAsync({ State })</c>: the account's agents, only those in
    /// <paramref name="state"/> when given (e.g. <see cref="AgentStates.Idle"/>).</summary>
    Task<VendorResult<IReadOnlyList<AgentStatus>>> GetOtherAgentsAsync(string? state, CancellationToken cancellationToken);

    /// <summary>
    /// Every event of every session of the account, raw and in the order received, which need not be the
    /// order they happened in; duplicates are possible. One reader consumes it.
    /// </summary>
    ChannelReader<CallCenterEvent> Events { get; }
}
