using System.Security.Claims;
using System.Text.Encodings.Web;
using AutoDialer.AspNetCore.Access;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace AutoDialer.AspNetCore.Bridge;

/// <summary>
/// Authenticates a request by a bridge token in <c>Authorization: Bearer</c>: the principal is that one agent of that one
/// provider account (<see cref="AccessIdentities.ForBridgeToken"/>), which the API never accepts and the vendor-token
/// endpoints accept for that agent only. On a node that does not dial there are no bridge tokens: nothing to authenticate.
/// </summary>
internal sealed class BridgeTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> schemeOptions,
    ILoggerFactory loggers,
    UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(schemeOptions, loggers, encoder)
{
    private const string BearerPrefix = "Bearer ";

    public static bool HasBearer(HttpRequest request) =>
        request.Headers[HeaderNames.Authorization].ToString().StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase);

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!HasBearer(Request) || Context.RequestServices.GetService<BridgeTokens>() is not { } tokens)
            return Task.FromResult(AuthenticateResult.NoResult());
        var token = Request.Headers[HeaderNames.Authorization].ToString()[BearerPrefix.Length..].Trim();
        if (tokens.Validate(token) is not { } grant)
            return Task.FromResult(AuthenticateResult.Fail("the bridge token is invalid, expired, or its credential is gone"));
        var identity = AccessIdentities.ForBridgeToken(grant.AgentId, grant.ProviderAccount, grant.IssuedBy);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name)));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = "Bearer";
        return SignInChallenge.RefuseAsync(Context, StatusCodes.Status401Unauthorized,
            "The bridge token is invalid or expired, or the credential that minted it is no longer configured: get a new one.");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        SignInChallenge.RefuseAsync(Context, StatusCodes.Status403Forbidden, "A bridge token grants its own agent's vendor token and socket only.");
}
