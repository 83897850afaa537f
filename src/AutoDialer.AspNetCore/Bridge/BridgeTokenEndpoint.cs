using AutoDialer.Telephony.Bridge;
using Microsoft.AspNetCore.Http;

namespace AutoDialer.AspNetCore.Bridge;

/// <summary>
/// <c>POST /api/agents/{agentId}/bridge-token[?providerAccount=…]</c>: a short-lived token that lets one page act
/// and report as that agent. For authorised callers only (<see cref="BridgeTokenIssuerAuthorization"/>):
/// typically the contact center's workbench backend, which hands it to the agent's page.
/// </summary>
public static class BridgeTokenEndpoint
{
    public static IResult Issue(
        HttpContext context,
        string agentId,
        string? providerAccount,
        BridgeTokenIssuerAuthorization authorization,
        BridgeAccounts accounts,
        BridgeTokens tokens)
    {
        if (!authorization.IsAuthorized(context))
        {
            return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "bridge tokens are issued to local requests or callers with a valid X-Api-Key only");
        }

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

        var (token, grant) = tokens.Issue(agentId, sessions.AccountId);
        return PageJson.Answer(context, new BridgeTokenAnswer(token, grant.AgentId, grant.ProviderAccount, sessions.Provider, grant.ExpiresAt));
    }
}
