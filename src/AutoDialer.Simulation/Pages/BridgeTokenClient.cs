using System.Net.Http.Json;
using System.Text.Json;

namespace AutoDialer.Simulation.Pages;

/// <summary>
/// Bridge tokens as a workbench backend gets them: <c>POST /api/agents/{agentId}/bridge-token?providerAccount=…</c>
/// with an <c>X-Api-Key</c> allowed to act for the agent (whenever the dialer has <c>AutoDialer:Auth</c> configured,
/// from its own machine too), or without one from the dialer's machine while it has no credentials configured; a new one
/// for every (re)connect, as the script does.
/// </summary>
internal sealed class BridgeTokenClient(HttpClient http, string? account, string? apiKey)
{
    public const string ApiKeyHeader = "X-Api-Key";

    public async Task<string> FetchAsync(Uri dialer, string agentId, CancellationToken cancellationToken)
    {
        var path = "api/agents/" + Uri.EscapeDataString(agentId) + "/bridge-token"
            + (string.IsNullOrEmpty(account) ? "" : "?providerAccount=" + Uri.EscapeDataString(account));
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(WithSlash(dialer), path));
        if (!string.IsNullOrEmpty(apiKey))
        {
            request.Headers.Add(ApiKeyHeader, apiKey);
        }

        using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            var hint = response.StatusCode switch
            {
                System.Net.HttpStatusCode.Unauthorized => string.IsNullOrEmpty(apiKey)
                    ? ": the dialer requires credentials, give --api-key (or AUTODIALER_API_KEY)"
                    : ": the dialer does not know this API key",
                System.Net.HttpStatusCode.Forbidden => ": this API key may not act for the agent, or the dialer is on another machine and needs --api-key",
                _ => "",
            };
            throw new HttpRequestException($"bridge token request failed: HTTP {(int)response.StatusCode}{hint}", null, response.StatusCode);
        }

        var body = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken).ConfigureAwait(false);
        return body.ValueKind == JsonValueKind.Object && body.TryGetProperty("token", out var token) && token.GetString() is { Length: > 0 } text
            ? text
            : throw new HttpRequestException("bridge token response without a token");
    }

    internal static Uri WithSlash(Uri dialer) => dialer.AbsoluteUri.EndsWith('/') ? dialer : new Uri(dialer.AbsoluteUri + "/");
}
