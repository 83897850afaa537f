using AutoDialer.Telephony.Udesk;
using Microsoft.AspNetCore.Http;

namespace AutoDialer.AspNetCore.Bridge;

/// <summary>
/// <c>GET /api/providers/udesk/token?agentId=…</c>: what the workbench's <c>AppDataProvider.GetToken</c> resolves
/// with, <c>{ appId, timestamp, token }</c>, signed here so the app secret never leaves the server.
/// </summary>
public static class UdeskTokenEndpoint
{
    public static IResult Get(HttpContext context, string? agentId, UdeskOptions options, UdeskTokenSigner signer, BridgeTokens tokens)
    {
        if (string.IsNullOrWhiteSpace(agentId))
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "agentId is required");
        }

        if (!BridgeBearer.MayActFor(context, tokens, agentId, options.AccountId))
        {
            return Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "a bridge token for this agent (Authorization: Bearer) or a local request is required");
        }

        var token = signer.Issue();
        context.Response.Headers.CacheControl = "no-store";
        return Results.Json(new { appId = token.AppId, timestamp = token.Timestamp, token = token.Token });
    }
}
