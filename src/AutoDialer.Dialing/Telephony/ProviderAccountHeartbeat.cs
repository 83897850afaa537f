using AutoDialer.Core.Telephony;
using AutoDialer.PostgreSql.Agents;
using AutoDialer.Telephony.Bridge;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AutoDialer.Dialing.Telephony;

/// <summary>
/// Tells the cluster which provider accounts this node dials for, with each one's make-call circuit, every
/// <see cref="DialingOptions.AccountHeartbeatInterval"/> (<c>dialer_accounts</c>, <see cref="ProviderAccountDirectory"/>),
/// and withdraws them when the node stops. Every node reads it to say whether an account is configured anywhere in the
/// installation (the settings page, "why isn't it dialling?"), whichever node answers.
/// </summary>
internal sealed class ProviderAccountHeartbeat(
    IEnumerable<ICallCenter> callCenters,
    ProviderResiliences resiliences,
    ProviderAccountDirectory directory,
    TimeProvider clock,
    IOptions<DialingOptions> options,
    ILogger<ProviderAccountHeartbeat> logger) : BackgroundService
{
    /// <summary>A row stays live for this many intervals: one missed renewal (a slow database) does not drop an account.</summary>
    private const int LiveForIntervals = 3;

    private readonly IReadOnlyList<ICallCenter> _centers = callCenters.ToList();

    /// <summary>What this node serves now.</summary>
    public IReadOnlyList<DialerAccount> Accounts()
    {
        var circuits = _centers.Select(c => resiliences.For(c.AccountId)).ToList();
        return _centers.Zip(circuits, (center, circuit) => new DialerAccount(center.AccountId, center.Provider, center is IBridgeAccount,
                circuit.DispatchPaused, circuit.DispatchPaused ? $"make-call circuit {circuit.MakeCallCircuitState}: the provider keeps failing, dispatch paused" : null))
            .ToList();
    }

    public async Task AnnounceAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await directory.AnnounceAsync(options.Value.Node, Accounts(), now, now + (options.Value.AccountHeartbeatInterval * LiveForIntervals), cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.AccountHeartbeatInterval, clock);
        do
        {
            try
            {
                await AnnounceAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Announcing this node's provider accounts failed; trying again at the next heartbeat");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        try
        {
            await directory.WithdrawAsync(options.Value.Node, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The rows expire by themselves.
            logger.LogWarning(e, "Withdrawing this node's provider accounts failed; they expire by themselves");
        }
    }

}
