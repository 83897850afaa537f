using AutoDialer.Telephony.Udesk;
using AutoDialer.AspNetCore.Access;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;

namespace AutoDialer.AspNetCore.Bridge;

/// <summary>
/// <c>GET /api/providers/udesk/token?agentId=…</c>: what the workbench's <c>AppDataProvider.GetToken</c> resolves
/// with, exactly <c>{ appId, timestamp, token }</c>, from the configured <see cref="IUdeskTokenSource"/> (the tenant's
/// back end, passed on unchanged, or the built-in signer), so the app secret never leaves the server. The text is
/// written as the source made it: no JSON setting of the host can rename a field. Mapped behind
/// <see cref="AutoDialerAccess.AgentPolicy"/>; given to the holder of this agent's bridge token for this account, or to a
/// credential that may act for the agent (<see cref="ActForAgentRequirement"/>), else 403.
/// </summary>
internal static class UdeskTokenEndpoint
{
    public static async Task<IResult> GetAsync(HttpContext context, string? agentId, UdeskOptions options, IUdeskTokenSource source, IAuthorizationService authorization)
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
