using AutoDialer.Telephony.Udesk;
using Microsoft.AspNetCore.Http;

namespace AutoDialer.AspNetCore.Bridge;

/// <summary>
/// <c>GET /api/providers/udesk/token?agentId=…</c>: what the workbench's <c>AppDataProvider.GetToken</c> resolves
/// with, exactly <c>{ appId, timestamp, token }</c>, from the configured <see cref="IUdeskTokenSource"/> (the tenant's
/// back end, passed on unchanged, or the built-in signer), so the app secret never leaves the server. The text is
/// written as the source made it: no JSON setting of the host can rename a field.
/// </summary>
public static class UdeskTokenEndpoint
{
    public static async Task<IResult> GetAsync(HttpContext context, string? agentId, UdeskOptions options, IUdeskTokenSource source, BridgeTokens tokens)
    {
        if (string.IsNullOrWhiteSpace(agentId))
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "agentId is required");
        }

        if (!BridgeBearer.MayActFor(context, tokens, agentId, options.AccountId))
        {
            return Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "a bridge token for this agent (Authorization: Bearer) or a local request is required");
        }

        try
        {
            var json = await source.GetJsonAsync(agentId, context.RequestAborted);
            context.Response.Headers.CacheControl = "no-store";
            return Results.Text(json, "application/json; charset=utf-8");
        }
        catch (UdeskTokenSourceException exception)
        {
            return Results.Problem(
                statusCode: exception.TimedOut ? StatusCodes.Status504GatewayTimeout : StatusCodes.Status502BadGateway,
                title: exception.Message);
        }
    }
}
