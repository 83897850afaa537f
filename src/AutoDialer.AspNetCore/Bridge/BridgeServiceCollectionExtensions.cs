using System.ComponentModel.DataAnnotations;
using AutoDialer.AspNetCore.Health;
using AutoDialer.Core.Telephony;
using AutoDialer.Dialing;
using AutoDialer.Telephony.Bridge;
using AutoDialer.Telephony.Meiqia;
using AutoDialer.Telephony.Udesk;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace AutoDialer.AspNetCore.Bridge;

public static class BridgeServiceCollectionExtensions
{
    /// <summary>
    /// Adds the agent bridge and the vendor accounts it serves: a Udesk CCPaaS account when
    /// <c>AutoDialer:Udesk:AppId</c> and a token source (<c>TokenUrl</c> or <c>AppSecret</c>) are set, a Meiqia account when
    /// <c>AutoDialer:Meiqia:AccessToken</c> is set. Each is registered as an <see cref="ICallCenter"/> (so the dialing
    /// engine dials through it) and as an <see cref="IBridgeAccount"/> (so its agents' pages can connect).
    /// Needs the storage of <c>AddAutoDialer</c> (an <c>NpgsqlDataSource</c>) for <c>bridge_sessions</c>.
    /// </summary>
    public static IServiceCollection AddAutoDialerBridge(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        // AddAutoDialer adds the bridge; an app that also calls this directly must not get two of everything.
        if (services.Any(d => d.ServiceType == typeof(BridgeScript)))
            return services;
        var bridge = configuration.GetSection(BridgeOptions.Section).Get<BridgeOptions>() ?? new BridgeOptions();
        var udesk = configuration.GetSection(UdeskOptions.Section).Get<UdeskOptions>() ?? new UdeskOptions();
        var meiqia = configuration.GetSection(MeiqiaOptions.Section).Get<MeiqiaOptions>() ?? new MeiqiaOptions();
        Validator.ValidateObject(bridge, new ValidationContext(bridge), validateAllProperties: true);
        Validator.ValidateObject(udesk, new ValidationContext(udesk), validateAllProperties: true);
        if (configuration.GetSection(BridgeOptions.Section)[nameof(BridgeOptions.MakeCallTimeout)] is not null)
        {
            throw new InvalidOperationException(
                $"{BridgeOptions.Section}:{nameof(BridgeOptions.MakeCallTimeout)} is no longer a setting: set {DialingOptions.Section}:{nameof(DialingOptions.MakeCallTimeout)}, " +
                "which is both the server's make-call timeout and the deadline the page is sent.");
        }

        services.TryAddSingleton(TimeProvider.System);
        // One make-call timeout: the page's deadline is the moment the dialing engine gives up on the call.
        services.AddSingleton(sp =>
        {
            var dialing = sp.GetService<IOptions<DialingOptions>>()?.Value
                ?? configuration.GetSection(DialingOptions.Section).Get<DialingOptions>() ?? new DialingOptions();
            bridge.MakeCallTimeout = dialing.MakeCallTimeout;
            return bridge;
        });
        services.AddSingleton<BridgeSigningKey>();
        services.AddSingleton<BridgeTokens>();
        services.AddSingleton(_ => new BridgeTokenIssuerAuthorization(configuration));
        services.AddSingleton<BridgeSessionDirectory>();
        services.AddSingleton<BridgeAccounts>();
        services.AddSingleton<BridgeWebSocketHandler>();
        services.AddSingleton<BridgeScript>();
        services.AddSingleton<SampleWorkbenchPages>();
        services.AddHealthChecks().AddCheck<BridgeHealthCheck>("bridge", tags: [HealthResponse.Tag]);

        if (udesk.IsConfigured)
        {
            services.AddSingleton(udesk);
            services.AddSingleton<UdeskTokenSigner>();
            if (udesk.TokenUrl is null)
            {
                services.AddSingleton<IUdeskTokenSource>(sp => sp.GetRequiredService<UdeskTokenSigner>());
            }
            else
            {
                services.AddHttpClient<IUdeskTokenSource, UdeskTokenUrlSource>();
            }

            services.AddSingleton<UdeskCallCenter>();
            services.AddSingleton<ICallCenter>(sp => sp.GetRequiredService<UdeskCallCenter>());
            services.AddSingleton<IBridgeAccount>(sp => sp.GetRequiredService<UdeskCallCenter>());
        }

        if (meiqia.IsConfigured)
        {
            services.AddSingleton(meiqia);
            services.AddSingleton<MeiqiaOpenApiResilience>();
            services.AddHttpClient<MeiqiaOpenApiClient>(http => http.BaseAddress = meiqia.BaseUrl);
            services.AddSingleton<Func<IMeiqiaOpenApi>>(sp => () => sp.GetRequiredService<MeiqiaOpenApiClient>());
            services.AddSingleton<MeiqiaSdkTokens>();
            services.AddSingleton<MeiqiaCallCenter>();
            services.AddSingleton<ICallCenter>(sp => sp.GetRequiredService<MeiqiaCallCenter>());
            services.AddSingleton<IBridgeAccount>(sp => sp.GetRequiredService<MeiqiaCallCenter>());
        }

        return services;
    }
}
