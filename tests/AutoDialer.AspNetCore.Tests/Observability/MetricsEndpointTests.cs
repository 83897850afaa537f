using System.Net;
using AutoDialer.AspNetCore.Access;
using AutoDialer.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AutoDialer.AspNetCore.Tests.Observability;

/// <summary>
/// The Prometheus scrape endpoint is mapped at <c>/metrics</c> by default and needs what the API needs: seen from another
/// address with credentials configured, a scrape without them gets 401 (not the sign-in page a scraper cannot read),
/// and with an API key the exposition; a mistyped scrape path stops the host with the setting's name.
/// </summary>
[Collection("postgres")]
public sealed class MetricsEndpointTests(PostgresFixture postgres)
{
    [Fact]
    public async Task A_metrics_path_that_is_not_a_path_stops_the_host_naming_the_setting()
    {
        var e = await Assert.ThrowsAsync<OptionsValidationException>(() =>
            ApiServer.BuildAsync(postgres, new Dictionary<string, string?> { ["AutoDialer:Observability:MetricsPath"] = "metrics here" }));
        Assert.Contains("AutoDialer:Observability:MetricsPath", e.Message, StringComparison.Ordinal);
    }

    private const string Key = "scrape-key";

    private Task<ApiServer> RemoteServerAsync(bool anonymousMetrics) => ApiServer.StartAsync(postgres, new Dictionary<string, string?>
    {
        ["AutoDialer:Auth:ApiKeys:0"] = Key,
        ["AutoDialer:Observability:AnonymousMetrics"] = anonymousMetrics ? "true" : "false",
    }, services => services.AddSingleton<IRequestLocality>(new FixedLocality(local: false)));

    private static async Task<(HttpStatusCode Status, string Body)> ScrapeAsync(ApiServer server, string? key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "metrics");
        if (key is not null) request.Headers.Add("X-Api-Key", key);
        using var response = await server.Client.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_scrape_without_credentials_gets_401_and_one_with_an_api_key_gets_the_exposition()
    {
        await using var server = await RemoteServerAsync(anonymousMetrics: false);

        var anonymous = await ScrapeAsync(server, key: null);
        var scraped = await ScrapeAsync(server, Key);

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.Status);
        Assert.DoesNotContain("# TYPE", anonymous.Body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, scraped.Status);
        Assert.Contains("# TYPE ", scraped.Body, StringComparison.Ordinal);
        Assert.Contains("http_server_request_duration", scraped.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_anonymous_metrics_a_scrape_needs_no_credentials_and_the_api_still_does()
    {
        await using var server = await RemoteServerAsync(anonymousMetrics: true);

        var anonymous = await ScrapeAsync(server, key: null);
        using var api = await server.Client.GetAsync("api/campaigns");

        Assert.Equal(HttpStatusCode.OK, anonymous.Status);
        Assert.Contains("# TYPE ", anonymous.Body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
    }
}
