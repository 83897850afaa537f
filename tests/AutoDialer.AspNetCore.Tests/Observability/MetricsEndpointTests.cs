using AutoDialer.Testing;
using Microsoft.Extensions.Options;

namespace AutoDialer.AspNetCore.Tests.Observability;

/// <summary>A mistyped scrape path stops the host with the setting's name.</summary>
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
}
