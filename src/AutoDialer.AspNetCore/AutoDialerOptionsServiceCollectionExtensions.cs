using AutoDialer.AspNetCore.Access;
using AutoDialer.AspNetCore.Holidays;
using AutoDialer.Dialing;
using AutoDialer.Telephony.Bridge;
using AutoDialer.Telephony.Meiqia;
using AutoDialer.Telephony.Udesk;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AutoDialer.AspNetCore;

internal static class AutoDialerOptionsServiceCollectionExtensions
{
    /// <summary>
    /// Every AutoDialer options type, bound one way: from its configuration section, then the code's changes, checked by
    /// its annotations when the host starts (a bad value stops the host with the setting's name, before anything dials).
    /// </summary>
    public static IServiceCollection AddAutoDialerOptions(this IServiceCollection services, IConfiguration configuration,
        Action<AutoDialerOptions>? configure, Action<DialingOptions>? configureDialing)
    {
        ThrowOnMovedSettings(configuration);
        services.AddValidatedOptions<AutoDialerOptions>(AutoDialerOptions.Section).Configure(o => configure?.Invoke(o));
        services.AddValidatedOptions<DialingOptions>(DialingOptions.Section).Configure(o => configureDialing?.Invoke(o));
        services.AddValidatedOptions<OperationsOptions>(AutoDialerOptions.Section);
        services.AddValidatedOptions<AccessOptions>(AccessOptions.Section).PostConfigure(o => o.NameUnnamedKeys());
        services.AddValidatedOptions<SignInLimitOptions>(SignInLimitOptions.Section);
        services.AddValidatedOptions<ForwardedHeadersSettings>(ForwardedHeadersSettings.Section);
        services.AddValidatedOptions<BridgeOptions>(BridgeOptions.Section);
        services.AddValidatedOptions<UdeskOptions>(UdeskOptions.Section);
        services.AddValidatedOptions<MeiqiaOptions>(MeiqiaOptions.Section);
        services.AddValidatedOptions<HolidayCalendarOptions>(HolidayCalendarOptions.Section);
        services.AddValidatedOptions<Observability.ObservabilityOptions>(Observability.ObservabilityOptions.Section);
        return services;
    }

    /// <summary>Settings that moved into a nested <c>Resilience</c> section: left where they were, they would be ignored in silence.</summary>
    private static readonly (string Old, string New)[] MovedSettings =
    [
        ($"{DialingOptions.Section}:ReadRetries", $"{DialingOptions.Section}:Resilience:Retries"),
        ($"{DialingOptions.Section}:ReadRetryDelay", $"{DialingOptions.Section}:Resilience:RetryDelay"),
        ($"{DialingOptions.Section}:BreakerFailureRatio", $"{DialingOptions.Section}:Resilience:Breaker:FailureRatio"),
        ($"{DialingOptions.Section}:BreakerMinimumThroughput", $"{DialingOptions.Section}:Resilience:Breaker:MinimumThroughput"),
        ($"{DialingOptions.Section}:BreakerSamplingDuration", $"{DialingOptions.Section}:Resilience:Breaker:SamplingDuration"),
        ($"{DialingOptions.Section}:BreakerBreakDuration", $"{DialingOptions.Section}:Resilience:Breaker:BreakDuration"),
        ($"{MeiqiaOptions.Section}:MaxRetries", $"{MeiqiaOptions.Section}:Resilience:Retries"),
        ($"{MeiqiaOptions.Section}:RetryDelay", $"{MeiqiaOptions.Section}:Resilience:RetryDelay"),
        ($"{MeiqiaOptions.Section}:BreakerFailureRatio", $"{MeiqiaOptions.Section}:Resilience:Breaker:FailureRatio"),
        ($"{MeiqiaOptions.Section}:BreakerMinimumThroughput", $"{MeiqiaOptions.Section}:Resilience:Breaker:MinimumThroughput"),
        ($"{MeiqiaOptions.Section}:BreakerSamplingDuration", $"{MeiqiaOptions.Section}:Resilience:Breaker:SamplingDuration"),
        ($"{MeiqiaOptions.Section}:BreakDuration", $"{MeiqiaOptions.Section}:Resilience:Breaker:BreakDuration"),
        ("AutoDialer:Simulator:Enabled", "AddAutoDialerSimulator() in code, or serve --simulate"),
    ];

    private static void ThrowOnMovedSettings(IConfiguration configuration)
    {
        foreach (var (old, now) in MovedSettings)
        {
            if (configuration[old] is not null)
                throw new InvalidOperationException($"{old} is no longer a setting: use {now}.");
        }
    }

    private static OptionsBuilder<TOptions> AddValidatedOptions<TOptions>(this IServiceCollection services, string section)
        where TOptions : class =>
        services.AddOptions<TOptions>().BindConfiguration(section).ValidateDataAnnotations().ValidateOnStart();
}
