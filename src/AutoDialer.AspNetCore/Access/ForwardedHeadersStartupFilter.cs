using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace AutoDialer.AspNetCore.Access;

/// <summary>
/// Puts the forwarded headers middleware first in the host's pipeline when <see cref="ForwardedHeadersSettings"/> lists a
/// proxy: before routing, authentication and authorization (which <c>WebApplication</c> adds ahead of the application's
/// own middleware), as it must run. Its options are built here from AutoDialer's settings, never the host's.
/// </summary>
internal sealed class ForwardedHeadersStartupFilter(IOptions<ForwardedHeadersSettings> settings) : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        if (settings.Value.IsConfigured)
            app.UseForwardedHeaders(Options(settings.Value));
        next(app);
    };

    internal static ForwardedHeadersOptions Options(ForwardedHeadersSettings settings)
    {
        var options = new ForwardedHeadersOptions
        {
            ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto,
            ForwardLimit = settings.ForwardLimit,
        };
        // ASP.NET Core trusts loopback proxies by default; only the configured ones are trusted here.
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
#pragma warning disable ASPDEPR005 // the obsolete list still holds a loopback default in some versions: emptied too, to be sure
        options.KnownNetworks.Clear();
#pragma warning restore ASPDEPR005
        foreach (var proxy in settings.KnownProxies)
            options.KnownProxies.Add(System.Net.IPAddress.Parse(proxy));
        foreach (var network in settings.KnownNetworks)
            options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
        return options;
    }
}
