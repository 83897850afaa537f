using AutoDialer.Core.Telephony;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AutoDialer.AspNetCore.Health;

/// <summary>
/// Degraded while a provider account's circuit breaker is open (its dispatch is paused). Healthy when no dialing
/// engine runs in this process, since then there is no circuit to report.
/// </summary>
internal sealed class ProviderHealthCheck(IServiceProvider services) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (services.GetService<IProviderHealth>() is not { } health)
            return Task.FromResult(HealthCheckResult.Healthy("no dialing engine in this process"));
        var circuits = health.Circuits();
        var open = circuits.Where(c => c.Open).ToList();
        var data = circuits.ToDictionary(c => c.ProviderAccount, c => (object)(c.Open ? $"open: {c.Reason}" : "closed"));
        return Task.FromResult(open.Count == 0
            ? HealthCheckResult.Healthy($"{circuits.Count} provider circuit(s) closed", data)
            : HealthCheckResult.Degraded($"circuit open for {string.Join(", ", open.Select(c => c.ProviderAccount))}", data: data));
    }
}
