using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;

namespace AutoDialer.AspNetCore.Access;

/// <summary>
/// The role rule of AutoDialer's policies: the caller's role (<see cref="AccessIdentities.RoleOf"/>) must hold what the
/// endpoint declares (<see cref="RequiredPermission"/>), or, where it declares nothing, the read permission for GET and
/// HEAD and the admin role for anything else. A refusal is a 403 whose problem names the role needed
/// (<see cref="SignInChallenge"/>). A bridge token passes here: what it may do is checked per agent by the endpoints that
/// accept it (<see cref="AgentAccess"/>).
/// </summary>
internal sealed class RoleRequirement : IAuthorizationRequirement
{
    public static RoleRequirement Instance { get; } = new();

    /// <summary><see cref="HttpContext.Items"/> key of the role a refused request needed, for the 403's problem.</summary>
    internal const string NeededRoleItem = "AutoDialer.NeededRole";

    private RoleRequirement()
    {
    }

    /// <summary>What a request needs: the declared permission's role, else viewer for a read and admin for anything else.</summary>
    public static AccessRole NeededRole(Permission? declared, string method) =>
        declared?.MinimumRole() ?? (HttpMethods.IsGet(method) || HttpMethods.IsHead(method) ? AccessRole.Viewer : AccessRole.Admin);

    /// <summary>
    /// Whether a caller holding <paramref name="held"/> may use an endpoint that declares <paramref name="declared"/>; a key
    /// scoped to agents may act for them whatever its role (the endpoint then checks which agent).
    /// </summary>
    public static bool Allows(AccessRole held, bool scopedKey, Permission? declared, string method) =>
        held >= NeededRole(declared, method) || (declared == Permission.ActForAgents && scopedKey);
}

internal sealed class RoleHandler(AccessCredentials credentials, IRequestLocality locality) : AuthorizationHandler<RoleRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, RoleRequirement requirement)
    {
        if (context.Resource is not HttpContext http)
            return Task.CompletedTask;
        if (AccessIdentities.IsBridgeTokenOnly(context.User))
        {
            context.Succeed(requirement);
            return Task.CompletedTask;
        }

        var held = AccessIdentities.RoleOf(context.User, credentials.AreConfigured, locality.IsLocal(http));
        if (held is null)
            return Task.CompletedTask; // not signed in: the policy's other rule challenges
        var declared = http.GetEndpoint()?.Metadata.GetMetadata<RequiredPermission>()?.Permission;
        if (RoleRequirement.Allows(held.Value, AccessIdentities.IsScopedKey(context.User), declared, http.Request.Method))
        {
            context.Succeed(requirement);
        }
        else
        {
            var needed = RoleRequirement.NeededRole(declared, http.Request.Method);
            http.Items[RoleRequirement.NeededRoleItem] = needed;
            context.Fail(new AuthorizationFailureReason(this, $"needs the {AccessRoles.ClaimValue(needed)} role"));
        }
        return Task.CompletedTask;
    }
}
