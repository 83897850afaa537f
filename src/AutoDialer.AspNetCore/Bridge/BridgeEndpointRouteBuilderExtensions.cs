using AutoDialer.AspNetCore.Access;
using AutoDialer.Telephony.Bridge;
using AutoDialer.Telephony.Meiqia;
using AutoDialer.Telephony.Udesk;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace AutoDialer.AspNetCore.Bridge;

internal static class BridgeEndpointRouteBuilderExtensions
{
    /// <summary>The WebSocket path the script connects to (relative to its <c>dialerUrl</c>).</summary>
    public const string SocketPath = "/autodialer/bridge";

    /// <summary>
    /// Maps the agent bridge: the WebSocket (<see cref="SocketPath"/>), the script (<c>/autodialer-bridge.js</c>), the
    /// sample workbench pages (<c>/samples/workbench-udesk.html</c>, <c>/samples/workbench-meiqia.html</c>),
    /// bridge tokens (<c>POST /api/agents/{agentId}/bridge-token</c>) and, for configured accounts, the vendor
    /// tokens (<c>GET /api/providers/udesk/token</c>, <c>GET /api/providers/meiqia/token</c>). The token endpoints are
    /// behind AutoDialer's access policies (<see cref="AutoDialerAccess"/>) and check, per agent, that the caller may act
    /// for it (<see cref="ActForAgentRequirement"/>); the socket takes a bridge token in its first message.
    /// </summary>
    public static IEndpointRouteBuilder MapAutoDialerBridge(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var services = endpoints.ServiceProvider;
        if (services.GetService<BridgeScript>() is null)
        {
            throw new InvalidOperationException(
                "MapAutoDialerBridge needs the agent bridge: call builder.Services.AddAutoDialerServer() (or AddAutoDialerBridge) after AddAutoDialer.");
        }

        var options = services.GetRequiredService<BridgeOptions>();
        // MapAutoDialer maps the bridge too; mapping it twice would make every bridge route ambiguous.
        if (endpoints.DataSources.SelectMany(d => d.Endpoints).Any(e => e.DisplayName == "AutoDialer bridge socket"))
            return endpoints;

        // The WebSocket middleware runs only for this endpoint, so the host need not call UseWebSockets.
        var socket = endpoints.CreateApplicationBuilder();
        var webSockets = new WebSocketOptions { KeepAliveInterval = options.HeartbeatInterval };
        foreach (var origin in options.AllowedOrigins)
        {
            webSockets.AllowedOrigins.Add(origin);
        }

        socket.UseWebSockets(webSockets);
        socket.Run(context => context.RequestServices.GetRequiredService<BridgeWebSocketHandler>().HandleAsync(context));
        endpoints.Map(SocketPath, socket.Build()).WithDisplayName("AutoDialer bridge socket");

        // The script and the sample pages hold no secret and are loaded by pages of other origins: anyone's, and no API
        // operation of the OpenAPI document.
        endpoints.MapGet("/autodialer-bridge.js", (HttpContext context, BridgeScript script) => script.Serve(context)).ExcludeFromDescription();
        endpoints.MapGet(SampleWorkbenchPages.Route, (string file, SampleWorkbenchPages pages) => pages.Serve(file)).ExcludeFromDescription();

        // Bridge tokens for configured credentials (or local requests while none is configured), never for a bridge token.
        endpoints.MapPost("/api/agents/{agentId}/bridge-token", BridgeTokenEndpoint.IssueAsync).RequireAuthorization(AutoDialerAccess.Policy)
            .RequirePermission(Permission.ActForAgents);

        // Vendor tokens for the holder of the agent's bridge token, or a credential that may act for the agent; each
        // endpoint checks which agent (ActForAgentRequirement).
        if (services.GetService<UdeskOptions>() is not null)
        {
            endpoints.MapGet("/api/providers/udesk/token", UdeskTokenEndpoint.GetAsync).RequireAuthorization(AutoDialerAccess.AgentPolicy)
                .RequirePermission(Permission.ActForAgents);
        }

        if (services.GetService<MeiqiaOptions>() is not null)
        {
            endpoints.MapGet("/api/providers/meiqia/token", MeiqiaTokenEndpoint.GetAsync).RequireAuthorization(AutoDialerAccess.AgentPolicy)
                .RequirePermission(Permission.ActForAgents);
        }

        return endpoints;
    }
}
