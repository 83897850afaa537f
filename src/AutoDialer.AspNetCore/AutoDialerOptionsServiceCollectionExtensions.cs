using AutoDialer.AspNetCore.Access;
using AutoDialer.Dialing;
using AutoDialer.Telephony.Bridge;
using AutoDialer.Telephony.Meiqia;
using AutoDialer.Telephony.Udesk;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AutoDialer.AspNetCore;

internal static class AutoDialerOptionsServiceCollectionExtensions
{
    /// <summary>
    /// Every AutoDialer options type, bound one way: from its configuration section, then the code's changes, checked by
    /// its annotations when the host starts (a bad value stops the host with the setting's name, before anything dials).
    /// </summary>
    public static IServiceCollection AddAutoDialerOptions(this IServiceCollection services, Action<AutoDialerOptions>? configure,
        Action<DialingOptions>? configureDialing)
    {
        services.AddValidatedOptions<AutoDialerOptions>(AutoDialerOptions.Section).Configure(o => configure?.Invoke(o));
        services.AddValidatedOptions<DialingOptions>(DialingOptions.Section).Configure(o => configureDialing?.Invoke(o));
        services.AddValidatedOptions<OperationsOptions>(AutoDialerOptions.Section);
        services.AddValidatedOptions<SimulatorSettings>(SimulatorSettings.Section);
        services.AddValidatedOptions<AccessOptions>(AccessOptions.Section);
        services.AddValidatedOptions<BridgeOptions>(BridgeOptions.Section);
        services.AddValidatedOptions<UdeskOptions>(UdeskOptions.Section);
        services.AddValidatedOptions<MeiqiaOptions>(MeiqiaOptions.Section);
        return services;
    }

    private static OptionsBuilder<TOptions> AddValidatedOptions<TOptions>(this IServiceCollection services, string section)
        where TOptions : class =>
        services.AddOptions<TOptions>().BindConfiguration(section).ValidateDataAnnotations().ValidateOnStart();
}
