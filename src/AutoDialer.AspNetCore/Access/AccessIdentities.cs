using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;

namespace AutoDialer.AspNetCore.Access;

/// <summary>The claims each kind of credential gives a request, in one place: name, role, agents, credential.</summary>
internal static class AccessIdentities
{
    public static ClaimsIdentity ForKey(ApiKeyCredential key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var claims = new List<Claim>
        {
            new(ClaimTypes.Name, key.Name),
            new(ClaimTypes.Role, RoleClaim(key.Role)),
            new(AccessClaims.Credential, CredentialIds.OfKey(key.Name)),
        };
        claims.AddRange(key.IsScoped ? key.Agents.Select(a => new Claim(AccessClaims.Agent, a)) : [new Claim(AccessClaims.Agent, AccessClaims.AllAgents)]);
        return new ClaimsIdentity(claims, AutoDialerAccess.ApiKeyScheme);
    }

    public static ClaimsIdentity ForUser(DashboardUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return new ClaimsIdentity(
        [
            new Claim(ClaimTypes.Name, user.Name),
            new Claim(ClaimTypes.Role, RoleClaim(user.Role)),
            new Claim(AccessClaims.Credential, CredentialIds.OfUser(user.Name)),
            new Claim(AccessClaims.CredentialStamp, StampOf(user)),
            new Claim(AccessClaims.Agent, AccessClaims.AllAgents),
        ], AutoDialerAccess.CookieScheme);
    }

    /// <summary>A bridge token's holder: that one agent of that one account, nothing of the API.</summary>
    public static ClaimsIdentity ForBridgeToken(string agentId, string providerAccount, string issuedBy) =>
        new(
        [
            new Claim(ClaimTypes.Name, agentId),
            new Claim(AccessClaims.Agent, agentId),
            new Claim(AccessClaims.ProviderAccount, providerAccount),
            new Claim(AccessClaims.Credential, issuedBy),
        ], AutoDialerAccess.BridgeTokenScheme);

    /// <summary>The credential a request stands on: its key's or user's id, or <see cref="CredentialIds.Local"/> for a request
    /// served without credentials.</summary>
    public static string CredentialOf(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return Credential(user)?.FindFirst(AccessClaims.Credential)?.Value ?? CredentialIds.Local;
    }

    /// <summary>
    /// The role a request acts with: its key's or sign-in's role claim (the least, viewer, for a claim that is not a role);
    /// admin for a local request while no credentials are configured (that mode may do everything, as before roles);
    /// null for a request with neither.
    /// </summary>
    public static AccessRole? RoleOf(ClaimsPrincipal user, bool credentialsConfigured, bool local)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (Credential(user) is { } credential)
            return credentialsConfigured ? AccessRoles.Parse(credential.FindFirst(ClaimTypes.Role)?.Value) ?? AccessRole.Viewer : null;
        return !credentialsConfigured && local ? AccessRole.Admin : null;
    }

    /// <summary>An API key that lists the agents it may act for (an unscoped key or a sign-in may act for all).</summary>
    public static bool IsScopedKey(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return Credential(user) is { AuthenticationType: AutoDialerAccess.ApiKeyScheme } key
               && key.HasClaim(c => c.Type == AccessClaims.Agent) && !key.HasClaim(AccessClaims.Agent, AccessClaims.AllAgents);
    }

    /// <summary>Whether the request stands on a bridge token alone (no key, no sign-in).</summary>
    public static bool IsBridgeTokenOnly(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return Credential(user) is null && user.Identities.Any(i => i.IsAuthenticated && i.AuthenticationType == AutoDialerAccess.BridgeTokenScheme);
    }

    private static ClaimsIdentity? Credential(ClaimsPrincipal user) =>
        user.Identities.FirstOrDefault(i => i.IsAuthenticated && i.AuthenticationType is AutoDialerAccess.ApiKeyScheme or AutoDialerAccess.CookieScheme);

    /// <summary>The role word of a validated setting (an unknown one, which validation stops at start, gives the least).</summary>
    private static string RoleClaim(string configured) => AccessRoles.ClaimValue(AccessRoles.Parse(configured) ?? AccessRole.Viewer);

    /// <summary>A digest of the user's password hash: a sign-in made before the password changed is no longer accepted.</summary>
    public static string StampOf(DashboardUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(user.PasswordHash)))[..16];
    }
}
