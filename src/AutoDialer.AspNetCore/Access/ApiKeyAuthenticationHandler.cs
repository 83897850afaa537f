using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AutoDialer.AspNetCore.Access;

/// <summary>Authenticates a request by the <c>X-Api-Key</c> header against the configured keys.</summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> schemeOptions,
    ILoggerFactory loggers,
    UrlEncoder encoder,
    IOptions<AccessOptions> access)
    : AuthenticationHandler<AuthenticationSchemeOptions>(schemeOptions, loggers, encoder)
{
    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(AutoDialerAccess.ApiKeyHeader, out var values) || values.Count == 0)
            return Task.FromResult(AuthenticateResult.NoResult());

        var presented = Digest(values.ToString());
        // Compared as digests in constant time: neither the key's length nor its matching prefix leaks through timing.
        var index = access.Value.ApiKeys.FindIndex(key => !string.IsNullOrWhiteSpace(key)
                                                          && CryptographicOperations.FixedTimeEquals(Digest(key), presented));
        if (index < 0)
            return Task.FromResult(AuthenticateResult.Fail("the API key is not one of the configured keys"));

        // Keys are named by position, never by their text, so logs and audit trails cannot leak them.
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, $"api-key-{index + 1}")], AutoDialerAccess.ApiKeyScheme);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name)));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = Microsoft.AspNetCore.Http.StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = $"ApiKey header=\"{AutoDialerAccess.ApiKeyHeader}\"";
        return Task.CompletedTask;
    }

    private static byte[] Digest(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));
}
