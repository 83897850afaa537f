using Microsoft.AspNetCore.Builder;

namespace AutoDialer.AspNetCore.Access;

/// <summary>Endpoint metadata: what the endpoint needs (<see cref="Permission"/>). Read by <see cref="RoleRequirement"/>.</summary>
internal sealed record RequiredPermission(Permission Permission);

internal static class PermissionEndpointConventionBuilderExtensions
{
    /// <summary>
    /// Declares what the endpoint needs. An AutoDialer endpoint that declares nothing needs <see cref="Permission.Read"/> for
    /// GET and HEAD, and the admin role for anything else (<see cref="RoleRequirement.NeededRole"/>): an endpoint added
    /// without a thought for roles is refused to viewers and operators, never opened to them.
    /// </summary>
    public static TBuilder RequirePermission<TBuilder>(this TBuilder builder, Permission permission) where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.WithMetadata(new RequiredPermission(permission));
    }
}
