using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace AutoDialer.Telephony.Meiqia;

/// <summary>
/// The Meiqia Open API as a typed <see cref="HttpClient"/>: <c>Authorization: Bearer &lt;accesstoken&gt;</c> on every
/// request, resilience from the shared <see cref="MeiqiaOpenApiResilience"/>, failures as
/// <see cref="MeiqiaOpenApiException"/>. Neither the access token nor SDK tokens are ever logged.
/// </summary>
internal sealed class MeiqiaOpenApiClient : IMeiqiaOpenApi
{
    public const string AgentsPath = "/openapi/ent/v1/sip/configs";
    public const string LoginPath = "/openapi/ent/v1/login";

    private readonly HttpClient _http;
    private readonly MeiqiaOptions _options;
    private readonly MeiqiaOpenApiResilience _resilience;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public MeiqiaOpenApiClient(HttpClient http, MeiqiaOptions options, MeiqiaOpenApiResilience resilience, TimeProvider time, ILogger<MeiqiaOpenApiClient> logger)
    {
        _http = http;
        _options = options;
        _resilience = resilience;
        _time = time;
        _logger = logger;
        // The attempt timeout is Polly's; HttpClient's own would only get in its way.
        _http.Timeout = Timeout.InfiniteTimeSpan;
    }

    public async Task<IReadOnlyList<MeiqiaAgent>> GetAgentsAsync(CancellationToken cancellationToken)
    {
        using var response = await SendAsync(_resilience.Get, () => new HttpRequestMessage(HttpMethod.Get, Url(AgentsPath)), "agent list", cancellationToken).ConfigureAwait(false);
        return MeiqiaOpenApiReader.Agents(await ReadJsonAsync(response, cancellationToken).ConfigureAwait(false));
    }

    public async Task<MeiqiaSdkToken> LoginAsync(string agentId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(agentId);
        using var response = await SendAsync(
            _resilience.Post,
            () => new HttpRequestMessage(HttpMethod.Post, Url(LoginPath)) { Content = JsonContent.Create(new { agent_id = agentId }) },
            "SDK login",
            cancellationToken).ConfigureAwait(false);
        var token = MeiqiaOpenApiReader.Login(agentId, await ReadJsonAsync(response, cancellationToken).ConfigureAwait(false), _time.GetUtcNow());
        _logger.LogInformation("Meiqia SDK token issued for agent {AgentId}, expires {ExpiresAt:O}", agentId, token.ExpiresAt);
        return token;
    }

    private async Task<HttpResponseMessage> SendAsync(
        ResiliencePipeline<HttpResponseMessage> retries, Func<HttpRequestMessage> request, string what, CancellationToken cancellationToken)
    {
        if (!_options.IsConfigured)
        {
            throw new MeiqiaOpenApiException(MeiqiaOpenApiError.Unauthorized, "Meiqia Open API: AutoDialer:Meiqia:AccessToken is not set");
        }

        if (_resilience.Unauthorized)
        {
            throw new MeiqiaOpenApiException(
                MeiqiaOpenApiError.Unauthorized,
                $"Meiqia Open API refused the access token (HTTP 401) moments ago; not asking again for the {what} until the cool-down ends. Check AutoDialer:Meiqia:AccessToken.",
                HttpStatusCode.Unauthorized);
        }

        HttpResponseMessage response;
        try
        {
            response = await retries.ExecuteAsync(
                async outer => await _resilience.Attempt.ExecuteAsync(
                    async inner =>
                    {
                        using var message = request();
                        message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _options.AccessToken);
                        return await _http.SendAsync(message, HttpCompletionOption.ResponseContentRead, inner).ConfigureAwait(false);
                    },
                    outer).ConfigureAwait(false),
                cancellationToken).ConfigureAwait(false);
        }
        catch (BrokenCircuitException exception)
        {
            throw new MeiqiaOpenApiException(MeiqiaOpenApiError.CircuitOpen, $"Meiqia Open API: {what} not requested, the circuit is open after repeated failures", inner: exception);
        }
        catch (TimeoutRejectedException exception)
        {
            throw new MeiqiaOpenApiException(MeiqiaOpenApiError.Timeout, $"Meiqia Open API: {what} timed out after {_options.AttemptTimeout}", inner: exception);
        }
        catch (HttpRequestException exception)
        {
            throw new MeiqiaOpenApiException(MeiqiaOpenApiError.Unavailable, $"Meiqia Open API: {what} failed: {exception.Message}", inner: exception);
        }

        if (response.StatusCode == HttpStatusCode.Unauthorized)
        {
            response.Dispose();
            _resilience.RecordUnauthorized();
            _logger.LogError("Meiqia Open API refused the access token (HTTP 401) for the {What}; check AutoDialer:Meiqia:AccessToken", what);
            throw new MeiqiaOpenApiException(
                MeiqiaOpenApiError.Unauthorized,
                $"Meiqia Open API refused the access token (HTTP 401) for the {what}. Check AutoDialer:Meiqia:AccessToken.",
                HttpStatusCode.Unauthorized);
        }

        if (!response.IsSuccessStatusCode)
        {
            var status = response.StatusCode;
            response.Dispose();
            throw new MeiqiaOpenApiException(
                (int)status >= 500 || status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests ? MeiqiaOpenApiError.Unavailable : MeiqiaOpenApiError.Refused,
                $"Meiqia Open API: {what} answered HTTP {(int)status}",
                status);
        }

        return response;
    }

    private static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            using var document = await JsonDocument.ParseAsync(body, cancellationToken: cancellationToken).ConfigureAwait(false);
            return document.RootElement.Clone();
        }
        catch (JsonException exception)
        {
            throw new MeiqiaOpenApiException(MeiqiaOpenApiError.MalformedResponse, "Meiqia Open API answered with malformed JSON", response.StatusCode, exception);
        }
    }

    private Uri Url(string path) => new(_options.BaseUrl, path);
}
