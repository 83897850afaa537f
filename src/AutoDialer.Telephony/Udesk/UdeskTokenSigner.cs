using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace AutoDialer.Telephony.Udesk;

/// <summary>
/// Signs Udesk SDK tokens: <c>token = lowercase hex(HMAC-SHA1(key = AppSecret, message = AppId + timestamp))</c>,
/// timestamp in Unix seconds, so the secret never has to reach a browser.
/// </summary>
public sealed class UdeskTokenSigner(UdeskOptions options, TimeProvider time)
{
    public UdeskToken Issue()
    {
        if (!options.IsConfigured)
        {
            throw new InvalidOperationException("Udesk is not configured: set AutoDialer:Udesk:AppId and AutoDialer:Udesk:AppSecret");
        }

        var timestamp = time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        return new UdeskToken(options.AppId, timestamp, Sign(options.AppSecret, options.AppId, timestamp));
    }

    public static string Sign(string appSecret, string appId, string timestamp)
    {
        ArgumentNullException.ThrowIfNull(appSecret);
        ArgumentNullException.ThrowIfNull(appId);
        ArgumentNullException.ThrowIfNull(timestamp);
        var mac = HMACSHA1.HashData(Encoding.UTF8.GetBytes(appSecret), Encoding.UTF8.GetBytes(appId + timestamp));
        return Convert.ToHexStringLower(mac);
    }
}
