using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace AutoDialer.AspNetCore.Access;

/// <summary>The rule behind <see cref="AutoDialerAccess.Policy"/>.</summary>
public sealed class LocalOrAuthenticatedRequirement : IAuthorizationRequirement;

internal sealed class LocalOrAuthenticatedHandler(IOptions<AccessOptions> access, IRequestLocality locality)
    : AuthorizationHandler<LocalOrAuthenticatedRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, LocalOrAuthenticatedRequirement requirement)
    {
        var http = context.Resource as HttpContext;
        if (access.Value.IsConfigured)
        {
            if (context.User.Identities.Any(i => i.IsAuthenticated && i.AuthenticationType is AutoDialerAccess.ApiKeyScheme or AutoDialerAccess.CookieScheme))
                context.Succeed(requirement);
        }
        else if (http is not null && locality.IsLocal(http))
        {
            context.Succeed(requirement);
        }
        return Task.CompletedTask;
    }
}
