using System.Security.Claims;
using AutoDialer.AspNetCore.Access;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace AutoDialer.AspNetCore.Api;

/// <summary>
/// <c>GET /api/me</c>: who the caller is (a user's or key's name; <c>local</c> while no credentials are configured), its
/// role and what it may do (<see cref="Permissions"/>). The dashboard reads it once and shows only what is allowed.
/// </summary>
internal static class MeEndpoints
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/me", (HttpContext http, AccessCredentials credentials, IRequestLocality locality) =>
            {
                var configured = credentials.AreConfigured;
                var role = AccessIdentities.RoleOf(http.User, configured, locality.IsLocal(http)) ?? AccessRole.Viewer;
                var may = Permissions.Of(role).ToList();
                var scoped = AccessIdentities.IsScopedKey(http.User);
                if (scoped && !may.Contains(Permission.ActForAgents)) may.Add(Permission.ActForAgents);
                var agents = scoped ? http.User.FindAll(AccessClaims.Agent).Select(c => c.Value).ToArray() : [AccessClaims.AllAgents];
                return Results.Json(new MeView(
                    configured ? http.User.FindFirstValue(ClaimTypes.Name) ?? "" : CredentialIds.Local,
                    AccessRoles.ClaimValue(role),
                    may.Select(p => p.ToName()).ToArray(),
                    agents), ApiJson.Options);
            })
            .RequirePermission(Permission.Read)
            .WithTags("Access").WithSummary("The caller: name, role, what it may do, the agents it may act for (\"*\" for all).")
            .Produces<MeView>();
}

internal sealed record MeView(string Name, string Role, IReadOnlyList<string> May, IReadOnlyList<string> Agents);
