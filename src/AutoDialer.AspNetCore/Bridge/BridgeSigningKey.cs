using System.Security.Cryptography;
using AutoDialer.Telephony.Bridge;
using Microsoft.Extensions.Logging;

namespace AutoDialer.AspNetCore.Bridge;

/// <summary>
/// The HMAC-SHA256 key of bridge tokens: <c>AutoDialer:Bridge:SigningKey</c> (base64, at least 32 bytes), or a
/// random key made for this process, with a warning, since its tokens then die with the process and are
/// refused by every other node.
/// </summary>
internal sealed class BridgeSigningKey
{
    public const int MinimumBytes = 32;

    public BridgeSigningKey(BridgeOptions options, ILogger<BridgeSigningKey> logger)
    {
        if (string.IsNullOrWhiteSpace(options.SigningKey))
        {
            Bytes = RandomNumberGenerator.GetBytes(MinimumBytes);
            logger.LogWarning(
                "AutoDialer:Bridge:SigningKey is not set: bridge tokens are signed with a key made up for this process, so they do not survive a restart and are refused by other cluster nodes. Set a base64 key of at least {Bytes} bytes (e.g. openssl rand -base64 32)",
                MinimumBytes);
            return;
        }

        byte[] key;
        try
        {
            key = Convert.FromBase64String(options.SigningKey);
        }
        catch (FormatException exception)
        {
            throw new InvalidOperationException("AutoDialer:Bridge:SigningKey is not valid base64", exception);
        }

        if (key.Length < MinimumBytes)
        {
            throw new InvalidOperationException($"AutoDialer:Bridge:SigningKey has {key.Length} bytes; at least {MinimumBytes} are required");
        }

        Bytes = key;
    }

    internal byte[] Bytes { get; }

    public override string ToString() => "bridge signing key";
}
