using AutoDialer.AspNetCore.Jobs;
using Microsoft.Extensions.DependencyInjection;

namespace AutoDialer.AspNetCore;

/// <summary>Runs AutoDialer on an accelerated clock: the demo, and tests that compress hours into seconds.</summary>
internal static class AcceleratedClockServiceCollectionExtensions
{
    /// <summary>
    /// Makes <paramref name="clock"/> the container's <see cref="TimeProvider"/> (call it after <c>AddAutoDialerServer</c>:
    /// the last registration wins), so the dialer, the simulator and the agent sweep run in simulated time. Hangfire reads
    /// only the wall clock, so its recurring jobs give way to <see cref="SimulatedJobSchedule"/>, which enqueues the same
    /// jobs at the same occurrences in simulated time; Hangfire's own timings (heartbeats, polling, invisibility) keep
    /// their wall-clock meaning. Job intervals (<see cref="AutoDialer.Dialing.DialingOptions.StaleSweepInterval"/> and the like) are
    /// simulated time: scale them as meant.
    /// </summary>
    public static IServiceCollection AddAutoDialerAcceleratedClock(this IServiceCollection services, AcceleratedTimeProvider clock)
    {
        AutoDialerServiceCollectionExtensions.ThrowIfServerNotConfigured(services, nameof(AddAutoDialerAcceleratedClock));
        services.AddSingleton<TimeProvider>(clock);
        services.UseSimulatedJobSchedule();
        // A call's start limit is a few wall-clock round trips and a vendor's reply, not simulated time: scaled down by
        // the clock's speed it would leave no time to send a make-call at all. The make-call timeout bounds it instead
        // (the dial fence is then as long as it, which no operator of a simulated run waits for).
        services.PostConfigure<AutoDialer.Dialing.DialingOptions>(d => d.MakeCallStartLimit = d.MakeCallTimeout);
        return services;
    }
}
