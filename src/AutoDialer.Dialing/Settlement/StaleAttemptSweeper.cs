using System.Globalization;
using AutoDialer.Core.StoredWords;
using AutoDialer.Core.Telephony;
using AutoDialer.Dialing.Agents;
using AutoDialer.Dialing.Telephony;
using AutoDialer.PostgreSql.Dispatch;
using AutoDialer.PostgreSql.Settlement;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AutoDialer.Dialing.Settlement;

/// <summary>
/// Settles attempts whose events never came (dropped events, a lost session, a crashed node). "Could not ask" is not
/// "no call": after <see cref="DialingOptions.StaleAfter"/> an attempt is settled as unknown only when the agent's
/// session on this node answered GetState and has no such call; an attempt whose agent's session is on another node is
/// left to that node's sweep, and one nobody can ask (no session anywhere, the read failed, the circuit is open) waits
/// until <see cref="DialingOptions.StaleMaxAge"/>, which also frees an agent whose hang-up was lost for good. Each
/// settlement applies only if the attempt is still live when it is written, and never replaces a known outcome.
/// Every node runs this sweep for the sessions it holds. It also gives back the contacts of preview offers still offered
/// <see cref="DialingOptions.StaleAfter"/> after their countdown ended (the node that made them is gone): nothing was dialled.
/// </summary>
internal sealed class StaleAttemptSweeper(
    LiveAttempts live,
    PreviewOffers offers,
    AttemptSettler settler,
    IEnumerable<ICallCenter> callCenters,
    IEnumerable<BridgeSessionDirectory> directories,
    ProviderResiliences resiliences,
    TimeProvider timeProvider,
    IOptions<DialingOptions> options,
    ILogger<StaleAttemptSweeper> logger)
{
    private readonly string? _bridgeNode = directories.FirstOrDefault()?.Node;

    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var expired = await offers.ExpiredAsync(now - options.Value.StaleAfter, 500, cancellationToken);
        if (expired.Count > 0)
        {
            var released = await offers.ReleaseAsync(expired.Select(id => (id, now)).ToList(), null, cancellationToken);
            logger.LogWarning("Gave back the contacts of {Count} preview offers that outlived their countdown", released.Count);
        }

        var maxAgeCutoff = now - options.Value.StaleMaxAge;
        var stale = await live.StaleAsync(now - options.Value.StaleAfter, maxAgeCutoff, _bridgeNode, 500, cancellationToken);
        var unknown = new List<AttemptSettlement>();
        foreach (var attempt in stale)
        {
            if (attempt.CreatedAt < maxAgeCutoff)
            {
                unknown.Add(Unknown(attempt, "no outcome within the maximum age; the provider could not tell"));
                continue;
            }
            var session = callCenters.FirstOrDefault(c => c.AccountId == attempt.ProviderAccount)?.FindSession(attempt.AgentId);
            if (session is null)
                continue; // On another node, or nowhere: nobody here can ask.
            var state = await resiliences.For(attempt.ProviderAccount).ReadAsync(ct => session.GetStateAsync(ct), cancellationToken);
            if (state is not { IsSuccess: true, Data: { } current })
                continue; // Could not ask (timeout, open circuit, error): not an answer.
            if (!IsSameCall(current, attempt))
                unknown.Add(Unknown(attempt, "no hang-up event within the stale timeout and the provider no longer has the call"));
        }
        if (unknown.Count == 0) return 0;
        var settled = await settler.SettleAsync(unknown, now, cancellationToken);
        if (settled > 0)
            logger.LogWarning("Settled {Count} stale attempts as unknown", settled);
        return settled;
    }

    private static AttemptSettlement Unknown(LiveAttempt attempt, string why) =>
        new(attempt.Id, CallOutcome.Unknown, VendorCode: attempt.Status == AttemptStatus.Unknown ? null : "AD-STALE", VendorMessage: why) { OnlyIfLive = true };

    private static bool IsSameCall(ProviderState state, LiveAttempt attempt) =>
        state.InCall && (state.CallID == attempt.CallId && attempt.CallId is not null
                         || state.UserData == attempt.Id.ToString(CultureInfo.InvariantCulture));
}
