using System.Net;
using System.Security.Claims;
using AutoDialer.Core.StoredWords;
using AutoDialer.PostgreSql.Audit;
using Microsoft.AspNetCore.Http;

namespace AutoDialer.AspNetCore.Access;

/// <summary>
/// Who a request is, for the audit trail: the signed-in user or the API key by name, else <c>local</c> (a request served
/// for being local while no credentials are configured); and the client's address, as the connection gives it after
/// forwarded-headers processing (a trusted proxy's client, never a header from anyone else).
/// </summary>
internal static class AuditActors
{
    public static AuditActor Of(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var address = AddressOf(http);
        var credential = http.User.Identities.FirstOrDefault(i => i.IsAuthenticated
            && i.AuthenticationType is AutoDialerAccess.ApiKeyScheme or AutoDialerAccess.CookieScheme);
        return credential?.FindFirst(ClaimTypes.Name)?.Value is { } name
            ? new AuditActor(credential.AuthenticationType == AutoDialerAccess.ApiKeyScheme ? AuditActorKind.ApiKey : AuditActorKind.User, name, address)
            : AuditActor.Local(address);
    }

    /// <summary>A person at the sign-in form, named by what they typed (a refused sign-in records it as given).</summary>
    public static AuditActor SigningIn(HttpContext http, string typedName)
    {
        ArgumentNullException.ThrowIfNull(http);
        return new AuditActor(AuditActorKind.User, typedName, AddressOf(http));
    }

    private static IPAddress? AddressOf(HttpContext http) =>
        http.Connection.RemoteIpAddress is { IsIPv4MappedToIPv6: true } mapped ? mapped.MapToIPv4() : http.Connection.RemoteIpAddress;
}
