using System.Globalization;
using AutoDialer.Core.Dialing;
using AutoDialer.Core.Telephony;
using AutoDialer.PostgreSql.Dialing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AutoDialer.AspNetCore.Dialing;

/// <summary>
/// Settles attempts whose events never came (dropped events, a lost session, a crashed node): after
/// <see cref="DialingOptions.StaleAfter"/> it asks the agent's session (GetState) whether that call is still going,
/// and otherwise records the outcome as unknown, which the retry policy then handles. Nothing is redialled blindly.
/// </summary>
public sealed class StaleAttemptSweeper(
    LiveAttempts live,
    SettlementStore settlements,
    IEnumerable<Core.Telephony.ICallCenter> callCenters,
    ProviderResiliences resiliences,
    TimeProvider timeProvider,
    IOptions<DialingOptions> options,
    ILogger<StaleAttemptSweeper> logger)
{
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var stale = await live.OlderThanAsync(now - options.Value.StaleAfter, 500, cancellationToken);
        var unknown = new List<Settlement>();
        foreach (var attempt in stale)
        {
            var session = callCenters.FirstOrDefault(c => c.AccountId == attempt.ProviderAccount)?.FindSession(attempt.AgentId);
            if (session is not null)
            {
                var state = await resiliences.For(attempt.ProviderAccount).ReadAsync(ct => session.GetStateAsync(ct), cancellationToken);
                if (state is { IsSuccess: true, Data: { } current } && IsSameCall(current, attempt))
                    continue;
            }
            unknown.Add(new Settlement(attempt.Id, CallOutcome.Unknown, VendorCode: attempt.Status == "unknown" ? null : "AD-STALE",
                VendorMessage: "no hang-up event within the stale timeout and the provider no longer has the call"));
        }
        if (unknown.Count == 0) return 0;
        var settled = await settlements.SettleAsync(unknown, now, cancellationToken);
        logger.LogWarning("Settled {Count} stale attempts as unknown", settled);
        return settled;
    }

    private static bool IsSameCall(ProviderState state, LiveAttempt attempt) =>
        state.InCall && (state.CallID == attempt.CallId && attempt.CallId is not null
                         || state.UserData == attempt.Id.ToString(CultureInfo.InvariantCulture));
}
