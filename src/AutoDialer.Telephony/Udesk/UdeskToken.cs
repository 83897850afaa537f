using System.Text.Json.Serialization;

namespace AutoDialer.Telephony.Udesk;

/// <summary>
/// What <c>AppDataProvider.GetToken</c> resolves with, in the document's own spelling: <c>{ appId, timestamp, token }</c>.
/// The names are fixed here, so no JSON naming policy of a hosting application can rename them.
/// </summary>
/// <param name="Timestamp">Unix seconds, as text (the document's example shows strings).</param>
internal sealed record UdeskToken(
    [property: JsonPropertyName("appId")] string AppId,
    [property: JsonPropertyName("timestamp")] string Timestamp,
    [property: JsonPropertyName("token")] string Token);
