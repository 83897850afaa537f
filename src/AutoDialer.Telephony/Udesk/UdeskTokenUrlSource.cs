using System.Text.Json;

namespace AutoDialer.Telephony.Udesk;

/// <summary>
/// The tenant's own back end that already makes Udesk tokens (<see cref="UdeskOptions.TokenUrl"/>), called server to
/// server: <c>GET {TokenUrl}?agentId=…</c>. Its answer is passed on to the page unchanged, once it is seen to be the
/// object <c>GetToken</c> must resolve with (<c>appId</c>, <c>timestamp</c>, <c>token</c>, all strings); anything
/// else, or no answer within <see cref="UdeskOptions.TokenTimeout"/>, is a <see cref="UdeskTokenSourceException"/>.
/// </summary>
internal sealed class UdeskTokenUrlSource(HttpClient http, UdeskOptions options) : IUdeskTokenSource
{
    /// <summary>The query parameter that names the agent (our contract with the tenant's back end; the document has none).</summary>
    public const string AgentIdParameter = "agentId";

    private static readonly string[] RequiredFields = ["appId", "timestamp", "token"];

    public async Task<string> GetJsonAsync(string agentId, CancellationToken cancellationToken)
    {
        var url = RequestUrl(agentId);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.TokenTimeout);
        string body;
        try
        {
            using var response = await http.GetAsync(url, HttpCompletionOption.ResponseContentRead, timeout.Token);
            body = await response.Content.ReadAsStringAsync(timeout.Token);
            if (!response.IsSuccessStatusCode)
            {
                throw new UdeskTokenSourceException($"the Udesk token source {Describe()} answered HTTP {(int)response.StatusCode}");
            }
        }
        catch (OperationCanceledException exception) when (!cancellationToken.IsCancellationRequested)
        {
            throw new UdeskTokenSourceException($"the Udesk token source {Describe()} did not answer within {options.TokenTimeout.TotalSeconds:0.###} s", timedOut: true, exception);
        }
        catch (HttpRequestException exception)
        {
            throw new UdeskTokenSourceException($"the Udesk token source {Describe()} could not be reached: {exception.Message}", inner: exception);
        }

        Check(body);
        return body;
    }

    internal Uri RequestUrl(string agentId)
    {
        var builder = new UriBuilder(options.TokenUrl!);
        var parameter = AgentIdParameter + "=" + Uri.EscapeDataString(agentId);
        builder.Query = string.IsNullOrEmpty(builder.Query) || builder.Query == "?" ? parameter : builder.Query.TrimStart('?') + "&" + parameter;
        return builder.Uri;
    }

    private void Check(string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            var missing = json.RootElement.ValueKind != JsonValueKind.Object
                ? RequiredFields
                : RequiredFields.Where(f => !json.RootElement.TryGetProperty(f, out var value) || value.ValueKind != JsonValueKind.String).ToArray();
            if (missing.Length > 0)
            {
                throw new UdeskTokenSourceException($"the Udesk token source {Describe()} answered without {string.Join(", ", missing)} (GetToken needs {{ appId, timestamp, token }} as strings)");
            }
        }
        catch (JsonException exception)
        {
            throw new UdeskTokenSourceException($"the Udesk token source {Describe()} answered something that is not JSON", inner: exception);
        }
    }

    /// <summary>The URL without its query, which may carry the tenant's own credentials.</summary>
    private string Describe() => options.TokenUrl!.GetLeftPart(UriPartial.Path);
}
