using AutoDialer.AspNetCore.Health;
using AutoDialer.Core.Telephony;
using AutoDialer.Dialing;
using AutoDialer.Dialing.Agents;
using AutoDialer.PostgreSql;
using AutoDialer.Telephony.Bridge;
using AutoDialer.Telephony.Meiqia;
using AutoDialer.Telephony.Udesk;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace AutoDialer.AspNetCore.Bridge;

internal static class BridgeServiceCollectionExtensions
{
    /// <summary>
    /// Adds the agent bridge and the vendor accounts it serves: a Udesk CCPaaS account when
    /// <c>AutoDialer:Udesk:AppId</c> and a token source (<c>TokenUrl</c> or <c>AppSecret</c>) are set, a Meiqia account when
    /// <c>AutoDialer:Meiqia:AccessToken</c> is set. Each is registered as an <see cref="ICallCenter"/> (so the dialing
    /// engine dials through it) and as an <see cref="IBridgeAccount"/> (so its agents' pages can connect).
    /// Needs <c>AddAutoDialer</c> (its options and its data source, for <c>bridge_sessions</c>); <c>AddAutoDialerServer</c> calls it.
    /// </summary>
    public static IServiceCollection AddAutoDialerBridge(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        // AddAutoDialer adds the bridge; an app that also calls this directly must not get two of everything.
        if (services.Any(d => d.ServiceType == typeof(BridgeScript)))
            return services;
        AutoDialerServiceCollectionExtensions.ThrowIfNotConfigured(services, nameof(AddAutoDialerBridge));
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
            var bridge = sp.GetRequiredService<IOptions<BridgeOptions>>().Value;
            bridge.MakeCallTimeout = sp.GetRequiredService<IOptions<DialingOptions>>().Value.MakeCallTimeout;
            return bridge;
        });
        services.AddSingleton<BridgeSigningKey>();
        services.AddSingleton<BridgeTokens>();
        services.AddWithAutoDialerDataSource<BridgeSessionDirectory>();
        services.AddHostedService<BridgeDirectoryHeartbeat>();
        services.AddSingleton<BridgeAccounts>();
        services.AddSingleton<PageRequests>();
        services.AddSingleton<BridgeWebSocketHandler>();
        services.AddSingleton<BridgeScript>();
        services.AddSingleton<SampleWorkbenchPages>();
        services.AddHealthChecks().AddCheck<BridgeHealthCheck>("bridge", tags: [HealthResponse.Tag]);

        // Which accounts exist is known now, from configuration; their settings come from the bound, validated options.
        if (configuration.GetSection(UdeskOptions.Section).Get<UdeskOptions>() is { IsConfigured: true } udesk)
        {
            services.AddSingleton(sp => sp.GetRequiredService<IOptions<UdeskOptions>>().Value);
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

        if (configuration.GetSection(MeiqiaOptions.Section).Get<MeiqiaOptions>() is { IsConfigured: true })
        {
            services.AddSingleton(sp => sp.GetRequiredService<IOptions<MeiqiaOptions>>().Value);
            services.AddSingleton<MeiqiaOpenApiResilience>();
            services.AddHttpClient<MeiqiaOpenApiClient>((sp, http) => http.BaseAddress = sp.GetRequiredService<MeiqiaOptions>().BaseUrl);
            services.AddSingleton<Func<IMeiqiaOpenApi>>(sp => () => sp.GetRequiredService<MeiqiaOpenApiClient>());
            services.AddSingleton<MeiqiaSdkTokens>();
            services.AddSingleton<MeiqiaCallCenter>();
            services.AddSingleton<ICallCenter>(sp => sp.GetRequiredService<MeiqiaCallCenter>());
            services.AddSingleton<IBridgeAccount>(sp => sp.GetRequiredService<MeiqiaCallCenter>());
        }

        return services;
    }
}
