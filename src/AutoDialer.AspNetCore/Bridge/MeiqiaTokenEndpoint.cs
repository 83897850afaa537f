using AutoDialer.Telephony.Meiqia;
using Microsoft.AspNetCore.Http;

namespace AutoDialer.AspNetCore.Bridge;

/// <summary>
/// <c>GET /api/providers/meiqia/token?agentId=…</c>: the agent's SDK token for <c>mqCallSDK.init({ token })</c>,
/// from the per-agent cache (a new login at half its lifetime), so the enterprise access token never leaves
/// the server.
/// </summary>
public static class MeiqiaTokenEndpoint
{
    public static async Task<IResult> GetAsync(
        HttpContext context, string? agentId, MeiqiaOptions options, MeiqiaSdkTokens sdkTokens, BridgeTokens tokens)
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
            var token = await sdkTokens.GetAsync(agentId, context.RequestAborted);
            return PageJson.Answer(context, new MeiqiaTokenAnswer(token.Token, token.ExpiresAt));
        }
        catch (MeiqiaOpenApiException exception)
        {
            return Results.Problem(statusCode: StatusCodes.Status502BadGateway, title: exception.Message);
        }
    }
}
