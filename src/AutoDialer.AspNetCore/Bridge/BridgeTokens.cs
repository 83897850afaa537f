using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using AutoDialer.Telephony.Bridge;

namespace AutoDialer.AspNetCore.Bridge;

/// <summary>
/// Issues and checks bridge tokens: <c>base64url(payload) "." base64url(HMAC-SHA256(key, base64url(payload)))</c>
/// with the payload <c>{ "a": agent, "p": provider account, "exp": Unix seconds }</c>. Stateless, so any node
/// sharing the signing key accepts them.
/// </summary>
public sealed class BridgeTokens(BridgeSigningKey key, BridgeOptions options, TimeProvider time)
{
    public (string Token, BridgeToken Grant) Issue(string agentId, string providerAccount)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(agentId);
        ArgumentException.ThrowIfNullOrWhiteSpace(providerAccount);
        var expiresAt = time.GetUtcNow() + options.TokenLifetime;
        var payload = Base64Url(JsonSerializer.SerializeToUtf8Bytes(new Payload(agentId, providerAccount, expiresAt.ToUnixTimeSeconds())));
        return (payload + "." + Base64Url(Sign(payload)), new BridgeToken(agentId, providerAccount, DateTimeOffset.FromUnixTimeSeconds(expiresAt.ToUnixTimeSeconds())));
    }

    /// <summary>The grant of a well-signed, unexpired token; null for anything else.</summary>
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
        byte[] signature;
        Payload? payload;
        try
        {
            signature = FromBase64Url(token[(dot + 1)..]);
            if (!CryptographicOperations.FixedTimeEquals(signature, Sign(payloadPart)))
            {
                return null;
            }

            payload = JsonSerializer.Deserialize<Payload>(FromBase64Url(payloadPart));
        }
        catch (Exception exception) when (exception is FormatException or JsonException)
        {
            return null;
        }

        if (payload is null || string.IsNullOrEmpty(payload.AgentId) || string.IsNullOrEmpty(payload.ProviderAccount))
        {
            return null;
        }

        var expiresAt = DateTimeOffset.FromUnixTimeSeconds(payload.ExpiresAt);
        return time.GetUtcNow() < expiresAt ? new BridgeToken(payload.AgentId, payload.ProviderAccount, expiresAt) : null;
    }

    private byte[] Sign(string payloadPart) => HMACSHA256.HashData(key.Bytes, Encoding.ASCII.GetBytes(payloadPart));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[] FromBase64Url(string text)
    {
        var padded = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(padded.PadRight(padded.Length + ((4 - (padded.Length % 4)) % 4), '='));
    }

    private sealed record Payload(
        [property: JsonPropertyName("a")] string AgentId,
        [property: JsonPropertyName("p")] string ProviderAccount,
        [property: JsonPropertyName("exp")] long ExpiresAt);
}
