using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;

namespace AutoDialer.AspNetCore.Access;

/// <summary>
/// A request to act for one agent of one provider account: the resource of a resource-based authorization check
/// (<c>IAuthorizationService.AuthorizeAsync(user, request, ActForAgentRequirement.Instance)</c>) made by the token
/// endpoints once they know the agent and account.
/// </summary>
internal sealed record AgentRequest(HttpContext Http, string AgentId, string ProviderAccount);

/// <summary>The rule <see cref="AgentAccess.MayActFor"/>, as an authorization requirement over an <see cref="AgentRequest"/>.</summary>
internal sealed class ActForAgentRequirement : IAuthorizationRequirement
{
    public static ActForAgentRequirement Instance { get; } = new();

    private ActForAgentRequirement()
    {
    }
}

internal sealed class ActForAgentHandler(AccessCredentials credentials, IRequestLocality locality)
    : AuthorizationHandler<ActForAgentRequirement, AgentRequest>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, ActForAgentRequirement requirement, AgentRequest resource)
    {
        if (AgentAccess.MayActFor(context.User, credentials.AreConfigured, locality.IsLocal(resource.Http), resource.AgentId, resource.ProviderAccount))
            context.Succeed(requirement);
        return Task.CompletedTask;
    }
}
