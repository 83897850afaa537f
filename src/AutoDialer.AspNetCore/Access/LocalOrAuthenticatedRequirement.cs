using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;

namespace AutoDialer.AspNetCore.Access;

/// <summary>
/// The rule behind <see cref="AutoDialerAccess.Policy"/> and <see cref="AutoDialerAccess.AgentPolicy"/>: with credentials
/// configured, an API key or a dashboard sign-in (and, where <see cref="AcceptsBridgeTokens"/>, a bridge token), whatever
/// the peer's address; without, a local request (and, where accepted, a bridge token from anywhere, as before).
/// </summary>
internal sealed class LocalOrAuthenticatedRequirement(bool acceptsBridgeTokens) : IAuthorizationRequirement
{
    /// <summary>Whether a bridge token is enough: only where what it grants is checked per agent (<see cref="AgentAccess"/>).</summary>
    public bool AcceptsBridgeTokens { get; } = acceptsBridgeTokens;
}

internal sealed class LocalOrAuthenticatedHandler(AccessCredentials credentials, IRequestLocality locality)
    : AuthorizationHandler<LocalOrAuthenticatedRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, LocalOrAuthenticatedRequirement requirement)
    {
        var authenticated = context.User.Identities.Where(i => i.IsAuthenticated).Select(i => i.AuthenticationType).ToArray();
        if (requirement.AcceptsBridgeTokens && authenticated.Contains(AutoDialerAccess.BridgeTokenScheme))
            context.Succeed(requirement);
        else if (credentials.AreConfigured)
        {
            if (authenticated.Any(type => type is AutoDialerAccess.ApiKeyScheme or AutoDialerAccess.CookieScheme))
                context.Succeed(requirement);
        }
        else if (context.Resource is HttpContext http && locality.IsLocal(http))
        {
            context.Succeed(requirement);
        }
        return Task.CompletedTask;
    }
}
