using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.DependencyInjection;

namespace AutoDialer.AspNetCore.Access;

/// <summary>
/// A dashboard sign-in holds only while its user does: on every request the cookie's user is looked up in the
/// configuration of now. A user removed, or whose password changed, is signed out; a changed role is carried at once.
/// </summary>
internal static class SignInValidation
{
    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var credentials = context.HttpContext.RequestServices.GetRequiredService<AccessCredentials>();
        var signedIn = context.Principal?.Identities.FirstOrDefault(i => i.AuthenticationType == AutoDialerAccess.CookieScheme);
        var user = credentials.FindUser(signedIn?.FindFirst(ClaimTypes.Name)?.Value);
        if (user is null || signedIn?.FindFirst(AccessClaims.CredentialStamp)?.Value != AccessIdentities.StampOf(user))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(AutoDialerAccess.CookieScheme);
            return;
        }

        var current = AccessIdentities.ForUser(user);
        if (signedIn.FindFirst(ClaimTypes.Role)?.Value != current.FindFirst(ClaimTypes.Role)?.Value)
        {
            context.ReplacePrincipal(new ClaimsPrincipal(current));
            context.ShouldRenew = true;
        }
    }
}
