using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using AutoDialer.AspNetCore.Access;
using AutoDialer.Telephony.Bridge;

namespace AutoDialer.AspNetCore.Bridge;

/// <summary>
/// Issues and checks bridge tokens: <c>base64url(payload) "." base64url(HMAC-SHA256(key, base64url(payload)))</c>
/// with the payload <c>{ "a": agent, "p": provider account, "exp": Unix seconds, "c": credential, "s": stamp }</c>.
/// Stateless, so any node sharing the signing key accepts them. Bound to the credential that minted it: <c>c</c> names it
/// (<see cref="CredentialIds"/>: a key's or user's name, never a secret) and <c>s</c> is an HMAC, under the signing key, of
/// that name and the secret behind it then (the key's text, the user's password hash). A token is good only while that
/// credential exists with the same secret and may still act for the agent, so removing or rotating a key, or changing a
/// password, ends its tokens on every node at once.
/// </summary>
internal sealed class BridgeTokens(BridgeSigningKey key, BridgeOptions options, AccessCredentials credentials, TimeProvider time)
{
    public (string Token, BridgeToken Grant) Issue(string agentId, string providerAccount, string issuedBy)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(agentId);
        ArgumentException.ThrowIfNullOrWhiteSpace(providerAccount);
        ArgumentException.ThrowIfNullOrWhiteSpace(issuedBy);
        var secret = credentials.SecretOf(issuedBy)
            ?? throw new InvalidOperationException($"the credential {issuedBy} is not configured: it cannot mint bridge tokens");
        var expiresAt = DateTimeOffset.FromUnixTimeSeconds((time.GetUtcNow() + options.TokenLifetime).ToUnixTimeSeconds());
        var payload = Base64Url(JsonSerializer.SerializeToUtf8Bytes(
            new Payload(agentId, providerAccount, expiresAt.ToUnixTimeSeconds(), issuedBy, Base64Url(Stamp(issuedBy, secret)))));
        return (payload + "." + Base64Url(Sign(payload)), new BridgeToken(agentId, providerAccount, expiresAt, issuedBy));
    }

    /// <summary>The grant of a well-signed, unexpired token whose credential still stands behind it; null for anything else.</summary>
    public BridgeToken? Validate(string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 4096)
        {
            return null;
        }

        var dot = token.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0 || dot == token.Length - 1)
        {
            return null;
        }

        var payloadPart = token[..dot];
        Payload? payload;
        try
        {
            if (!CryptographicOperations.FixedTimeEquals(FromBase64Url(token[(dot + 1)..]), Sign(payloadPart)))
            {
                return null;
            }

            payload = JsonSerializer.Deserialize<Payload>(FromBase64Url(payloadPart));
        }
        catch (Exception exception) when (exception is FormatException or JsonException)
        {
            return null;
        }

        if (payload is null || string.IsNullOrEmpty(payload.AgentId) || string.IsNullOrEmpty(payload.ProviderAccount)
            || string.IsNullOrEmpty(payload.IssuedBy) || string.IsNullOrEmpty(payload.Stamp))
        {
            return null;
        }

        var expiresAt = DateTimeOffset.FromUnixTimeSeconds(payload.ExpiresAt);
        return time.GetUtcNow() < expiresAt && IsStillBacked(payload)
            ? new BridgeToken(payload.AgentId, payload.ProviderAccount, expiresAt, payload.IssuedBy)
            : null;
    }

    /// <summary>The minting credential exists with the secret it had, and may still act for the agent.</summary>
    private bool IsStillBacked(Payload payload)
    {
        if (credentials.SecretOf(payload.IssuedBy) is not { } secret || !credentials.MayActFor(payload.IssuedBy, payload.AgentId))
        {
            return false;
        }

        try
        {
            return CryptographicOperations.FixedTimeEquals(FromBase64Url(payload.Stamp), Stamp(payload.IssuedBy, secret));
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private byte[] Sign(string payloadPart) => HMACSHA256.HashData(key.Bytes, Encoding.ASCII.GetBytes(payloadPart));

    /// <summary>16 bytes of HMAC-SHA256 under the signing key: says nothing about the secret to a token's holder.</summary>
    private byte[] Stamp(string credential, string secret) =>
        HMACSHA256.HashData(key.Bytes, Encoding.UTF8.GetBytes("credential\n" + credential + "\n" + secret))[..16];

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[] FromBase64Url(string text)
    {
        var padded = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(padded.PadRight(padded.Length + ((4 - (padded.Length % 4)) % 4), '='));
    }

    private sealed record Payload(
        [property: JsonPropertyName("a")] string AgentId,
        [property: JsonPropertyName("p")] string ProviderAccount,
        [property: JsonPropertyName("exp")] long ExpiresAt,
        [property: JsonPropertyName("c")] string IssuedBy,
        [property: JsonPropertyName("s")] string Stamp);
}
