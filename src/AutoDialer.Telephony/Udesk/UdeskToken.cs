namespace AutoDialer.Telephony.Udesk;

/// <summary>What <c>AppDataProvider.GetToken</c> resolves with: <c>{ appId, timestamp, token }</c>.</summary>
/// <param name="Timestamp">Unix seconds, as text (the document's example shows strings).</param>
public sealed record UdeskToken(string AppId, string Timestamp, string Token);
