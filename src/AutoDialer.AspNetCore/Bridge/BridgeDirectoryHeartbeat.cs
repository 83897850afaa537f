using AutoDialer.Dialing.Agents;
using AutoDialer.Telephony.Bridge;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AutoDialer.AspNetCore.Bridge;

/// <summary>
/// The node's heartbeat in <c>bridge_sessions</c>: every <see cref="BridgeOptions.HeartbeatInterval"/>, the rows of all
/// its live sessions renewed in one statement (<see cref="BridgeSessionDirectory.ClaimAllAsync"/>), and a session whose
/// row a newer session of its agent owns now (on another node) ended as replaced. The cost is one statement an interval
/// whatever the number of agents; each session's own heartbeat (<see cref="BridgeWebSocketHandler"/>) only pings its page.
/// </summary>
internal sealed class BridgeDirectoryHeartbeat(BridgeAccounts accounts, BridgeSessionDirectory directory, BridgeOptions options, TimeProvider time,
    ILogger<BridgeDirectoryHeartbeat> logger) : BackgroundService
{
    public const string ReplacedReason = "replaced by a newer session of the same agent on another node";

    /// <summary>One heartbeat: every live session's row renewed; the sessions replaced meanwhile ended. Returns how many were.</summary>
    public async Task<int> BeatAsync(CancellationToken cancellationToken)
    {
        var live = accounts.AccountIds.Select(accounts.Find).OfType<BridgeSessions>()
            .SelectMany(owner => owner.Connected().Where(s => !s.Ended.IsCancellationRequested).Select(session => (Owner: owner, Session: session)))
            .ToList();
        var replaced = (await directory.ClaimAllAsync(live.Select(l => l.Session).ToList(), cancellationToken)).ToHashSet();
        foreach (var (owner, session) in live.Where(l => replaced.Contains(l.Session)))
        {
            logger.LogInformation("Bridge session {SessionId} of agent {AgentId}: {Reason}", session.Id, session.AgentId, ReplacedReason);
            owner.Disconnect(session, ReplacedReason, BridgeProtocol.CloseReplaced);
        }

        return replaced.Count;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.HeartbeatInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await BeatAsync(stoppingToken);
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    // The next interval tries again; the sessions go on locally meanwhile.
                    logger.LogWarning(exception, "The bridge's heartbeat in bridge_sessions failed");
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
