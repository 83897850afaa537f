using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace AutoDialer.Telephony.Udesk;

/// <summary>
/// The built-in token source, used when no <see cref="UdeskOptions.TokenUrl"/> is set:
/// <c>token = lowercase hex(HMAC-SHA1(key = AppSecret, message = AppId + timestamp))</c>, timestamp in Unix seconds.
/// The algorithm is our assumption (the document gives none; see <see cref="AutoDialer.Core.Telephony.Udesk.UdeskAssumptions.TokenAlgorithm"/>);
/// a tenant whose back end already makes Udesk tokens sets <see cref="UdeskOptions.TokenUrl"/> instead.
/// </summary>
internal sealed class UdeskTokenSigner(UdeskOptions options, TimeProvider time) : IUdeskTokenSource
{
    public UdeskToken Issue()
    {
        if (string.IsNullOrWhiteSpace(options.AppId) || string.IsNullOrWhiteSpace(options.AppSecret))
        {
            throw new InvalidOperationException("Udesk's built-in signer needs AutoDialer:Udesk:AppId and AutoDialer:Udesk:AppSecret (or set AutoDialer:Udesk:TokenUrl)");
        }

        var timestamp = time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        return new UdeskToken(options.AppId, timestamp, Sign(options.AppSecret, options.AppId, timestamp));
    }

    public Task<string> GetJsonAsync(string agentId, CancellationToken cancellationToken) =>
        Task.FromResult(JsonSerializer.Serialize(Issue()));

    [SuppressMessage("Security", "CA5350", Justification = "The vendor's token algorithm as we assume it (UdeskAssumptions.TokenAlgorithm), not our choice of MAC.")]
    public static string Sign(string appSecret, string appId, string timestamp)
    {
        ArgumentNullException.ThrowIfNull(appSecret);
        ArgumentNullException.ThrowIfNull(appId);
        ArgumentNullException.ThrowIfNull(timestamp);
        var mac = HMACSHA1.HashData(Encoding.UTF8.GetBytes(appSecret), Encoding.UTF8.GetBytes(appId + timestamp));
        return Convert.ToHexStringLower(mac);
    }
}
