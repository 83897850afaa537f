using AutoDialer.AspNetCore.Access;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;

namespace AutoDialer.AspNetCore.Bridge;

/// <summary>
/// <c>POST /api/agents/{agentId}/bridge-token[?providerAccount=…]</c>: a short-lived token that lets one page act
/// and report as that agent. Mapped behind <see cref="AutoDialerAccess.Policy"/> (a configured credential; a local request
/// only while none is configured), and given only for the agents the caller may act for (a scoped key's own): typically
/// to the contact center's workbench backend, which hands it to the agent's page. The token is bound to the caller's
/// credential (<see cref="BridgeTokens"/>).
/// </summary>
internal static class BridgeTokenEndpoint
{
    public static async Task<IResult> IssueAsync(
        HttpContext context,
        string agentId,
        string? providerAccount,
        IAuthorizationService authorization,
        BridgeAccounts accounts,
        BridgeTokens tokens)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(authorization);
        if (string.IsNullOrWhiteSpace(agentId) || agentId.Length > 128)
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "agentId is required (at most 128 characters)");
        }

        if (accounts.Resolve(providerAccount, provider: null) is not { } sessions)
        {
            return Results.Problem(
                statusCode: StatusCodes.Status404NotFound,
                title: string.IsNullOrEmpty(providerAccount)
                    ? $"name the providerAccount: this host has {accounts.AccountIds.Count} bridge accounts ({string.Join(", ", accounts.AccountIds)})"
                    : $"no bridge account '{providerAccount}' on this host");
        }

        var decision = await authorization.AuthorizeAsync(context.User, new AgentRequest(context, agentId, sessions.AccountId), ActForAgentRequirement.Instance);
        if (!decision.Succeeded)
        {
            return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: $"this credential may not act for agent {agentId}");
        }

        var (token, grant) = tokens.Issue(agentId, sessions.AccountId, AccessIdentities.CredentialOf(context.User));
        return PageJson.Answer(context, new BridgeTokenAnswer(token, grant.AgentId, grant.ProviderAccount, sessions.Provider, grant.ExpiresAt));
    }
}
