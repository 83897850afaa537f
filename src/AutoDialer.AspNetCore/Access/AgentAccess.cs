using System.Security.Claims;

namespace AutoDialer.AspNetCore.Access;

/// <summary>
/// Who may act for an agent (be given its bridge token or its vendor token): the holder of a bridge token for that very
/// agent and account; an API key that lists the agent, whatever its role (a workbench back end given exactly those agents);
/// an operator or admin whose credential may act for every agent; or, only while no credentials are configured, a local
/// request. Nothing else, and never for being local once credentials exist: a viewer reads, it never takes over an agent.
/// </summary>
internal static class AgentAccess
{
    public static bool MayActFor(ClaimsPrincipal user, bool credentialsConfigured, bool local, string agentId, string providerAccount)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (Authenticated(user, AutoDialerAccess.BridgeTokenScheme) is { } bridge)
            return bridge.HasClaim(AccessClaims.Agent, agentId) && bridge.HasClaim(AccessClaims.ProviderAccount, providerAccount);
        if ((Authenticated(user, AutoDialerAccess.ApiKeyScheme) ?? Authenticated(user, AutoDialerAccess.CookieScheme)) is { } credential)
            return credentialsConfigured
                   && (credential.HasClaim(AccessClaims.Agent, agentId)
                       || (credential.HasClaim(AccessClaims.Agent, AccessClaims.AllAgents)
                           && AccessIdentities.RoleOf(user, credentialsConfigured, local) >= Permission.ActForAgents.MinimumRole()));
        return !credentialsConfigured && local;
    }

    private static ClaimsIdentity? Authenticated(ClaimsPrincipal user, string scheme) =>
        user.Identities.FirstOrDefault(i => i.IsAuthenticated && i.AuthenticationType == scheme);
}
