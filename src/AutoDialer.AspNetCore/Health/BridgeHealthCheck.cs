using AutoDialer.AspNetCore.Bridge;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AutoDialer.AspNetCore.Health;

/// <summary>
/// The bridge's event counts per account (acknowledged, refused by reason, not acknowledged because the session
/// ended first) and its queue towards the database. Degraded while an account's queue is full: its pages are held
/// back until the database takes events again.
/// </summary>
internal sealed class BridgeHealthCheck(BridgeAccounts accounts) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var data = new Dictionary<string, object>(StringComparer.Ordinal);
        var full = new List<string>();
        foreach (var accountId in accounts.AccountIds.Order(StringComparer.Ordinal))
        {
            var sessions = accounts.Find(accountId)!;
            data[accountId] = new
            {
                sessions = sessions.Connected().Count,
                queued = sessions.Queue.Queued,
                capacity = sessions.Queue.Capacity,
                waiting_for_room = sessions.Queue.WaitingForRoom,
                acknowledged = sessions.Queue.Counts.Acknowledged,
                refused = sessions.Queue.Counts.Refused,
                session_ended = sessions.Queue.Counts.SessionEnded,
                page_dropped = sessions.Queue.Counts.PageDropped,
            };
            if (sessions.Queue.Queued >= sessions.Queue.Capacity || sessions.Queue.WaitingForRoom > 0) full.Add(accountId);
        }

        return Task.FromResult(full.Count == 0
            ? HealthCheckResult.Healthy($"{data.Count} bridge account(s) taking events", data)
            : HealthCheckResult.Degraded($"event queue full for {string.Join(", ", full)}: pages wait for the database", data: data));
    }
}
