using AutoDialer.Telephony.Simulation;
using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace AutoDialer.AspNetCore;

/// <summary>Runs AutoDialer on an accelerated clock: the demo, and tests that compress hours into seconds.</summary>
public static class AcceleratedClockServiceCollectionExtensions
{
    /// <summary>
    /// Makes <paramref name="clock"/> the container's <see cref="TimeProvider"/> (call it after <c>AddAutoDialer</c>: the
    /// last registration wins), so the dialer, the simulator and the jobs' schedules all run in simulated time.
    /// Quartz's job store takes the container's clock whatever its scheduler was given, so its own intervals and
    /// thresholds are stretched by the clock's speed to keep their wall-clock meaning; left alone, a 50 ms lock wait
    /// reads as 30 s at 600×, and a node that missed 33 ms of check-ins looks dead to its peers. Job intervals
    /// (<see cref="Dialing.DialingOptions.AgentSweepInterval"/> and the like) are simulated time: scale them as meant.
    /// </summary>
    public static IServiceCollection AddAutoDialerAcceleratedClock(this IServiceCollection services, AcceleratedTimeProvider clock)
    {
        var speed = clock.Speed;
        services.AddSingleton<TimeProvider>(clock);
        services.PostConfigureAll<AdoJobStoreOptions>(o =>
        {
            o.MisfireThreshold *= speed;
            o.MisfireHandlerFrequency *= speed;
            o.DbRetryInterval *= speed;
            o.LockWaitWarningThreshold *= speed;
        });
        services.PostConfigureAll<ClusteringOptions>(o =>
        {
            o.CheckinInterval *= speed;
            o.CheckinMisfireThreshold *= speed;
        });
        return services;
    }
}
