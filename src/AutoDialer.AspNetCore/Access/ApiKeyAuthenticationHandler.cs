using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AutoDialer.AspNetCore.Access;

/// <summary>
/// Authenticates a request by the <c>X-Api-Key</c> header against the keys configured now: the principal is the key's name
/// (never its text), its role and the agents it may act for (<see cref="AccessIdentities.ForKey"/>).
/// </summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> schemeOptions,
    ILoggerFactory loggers,
    UrlEncoder encoder,
    AccessCredentials credentials)
    : AuthenticationHandler<AuthenticationSchemeOptions>(schemeOptions, loggers, encoder)
{
    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(AutoDialerAccess.ApiKeyHeader, out var values) || values.Count == 0)
            return Task.FromResult(AuthenticateResult.NoResult());
        if (values.Count > 1 || credentials.FindKey(values.ToString()) is not { } key)
            return Task.FromResult(AuthenticateResult.Fail("the API key is not one of the configured keys"));
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(AccessIdentities.ForKey(key)), Scheme.Name)));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = $"ApiKey header=\"{AutoDialerAccess.ApiKeyHeader}\"";
        return SignInChallenge.RefuseAsync(Context, Microsoft.AspNetCore.Http.StatusCodes.Status401Unauthorized, "The X-Api-Key is not one of the configured keys.");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        SignInChallenge.ForbidAsync(Context, "This API key may not do this.");
}
