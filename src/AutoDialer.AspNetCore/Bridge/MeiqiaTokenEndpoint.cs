using AutoDialer.Telephony.Meiqia;
using AutoDialer.AspNetCore.Access;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;

namespace AutoDialer.AspNetCore.Bridge;

/// <summary>
/// <c>GET /api/providers/meiqia/token?agentId=…</c>: the agent's SDK token for <c>mqCallSDK.init({ token })</c>,
/// from the per-agent cache (a new login at half its lifetime), so the enterprise access token never leaves
/// the server. Who may have it is decided as for <see cref="UdeskTokenEndpoint"/>.
/// </summary>
internal static class MeiqiaTokenEndpoint
{
    public static async Task<IResult> GetAsync(
        HttpContext context, string? agentId, MeiqiaOptions options, MeiqiaSdkTokens sdkTokens, IAuthorizationService authorization)
    {
        if (string.IsNullOrWhiteSpace(agentId))
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "agentId is required");
        }

        if (!(await authorization.AuthorizeAsync(context.User, new AgentRequest(context, agentId, options.AccountId), ActForAgentRequirement.Instance)).Succeeded)
        {
            return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: $"neither a bridge token for agent {agentId} of {options.AccountId} nor a credential that may act for it");
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
