using System.Net;
using AutoDialer.Core.Telephony;
using AutoDialer.Testing;
using Microsoft.Extensions.DependencyInjection;
using NSubstitute;

namespace AutoDialer.AspNetCore.Tests;

/// <summary>What MapAutoDialer puts in an application: health, OpenAPI, the dashboard and its assets, under a prefix.</summary>
[Collection("postgres")]
public sealed class HostSurfaceTests(PostgresFixture postgres)
{
    [Fact]
    public async Task Health_reports_the_database_the_scheduler_and_provider_circuits()
    {
        await using var server = await ApiServer.StartAsync(postgres);
        var health = await server.GetJsonAsync("healthz");
        Assert.Equal("Healthy", health.GetProperty("status").GetString());
        var checks = health.GetProperty("checks");
        foreach (var check in new[] { "database", "jobs", "provider" })
            Assert.Equal("Healthy", checks.GetProperty(check).GetProperty("status").GetString());
    }

    [Fact]
    public async Task An_open_provider_circuit_makes_health_degraded()
    {
        var provider = Substitute.For<IProviderHealth>();
        provider.Circuits().Returns([new ProviderCircuit("udesk-main", true, "0103 timeout", DateTimeOffset.UtcNow)]);
        await using var server = await ApiServer.StartAsync(postgres, services: s => s.AddSingleton(provider));
        var health = await server.GetJsonAsync("healthz");
        Assert.Equal("Degraded", health.GetProperty("status").GetString());
        Assert.Contains("udesk-main", health.GetProperty("checks").GetProperty("provider").GetProperty("description").GetString());
        var circuits = await server.GetJsonAsync("api/providers");
        Assert.True(circuits[0].GetProperty("open").GetBoolean());
    }

    [Fact]
    public async Task The_openapi_document_describes_the_api()
    {
        await using var server = await ApiServer.StartAsync(postgres);
        var document = await server.GetJsonAsync("openapi/v1.json");
        var paths = document.GetProperty("paths");
        foreach (var path in new[] { "/api/campaigns", "/api/campaigns/{id}", "/api/campaigns/{id}/settings", "/api/campaigns/{id}/resume",
                     "/api/campaigns/{id}/uploads", "/api/uploads/{id}/report", "/api/dnc", "/api/agents", "/api/caller-numbers", "/api/jobs" })
            Assert.True(paths.TryGetProperty(path, out _), $"{path} missing");
    }

    [Fact]
    public async Task The_dashboard_is_served_from_the_assembly_with_nothing_loaded_from_elsewhere()
    {
        await using var server = await ApiServer.StartAsync(postgres);
        var page = await server.Client.GetStringAsync("");
        Assert.Contains("<script type=\"module\" src=\"assets/app.js\"></script>", page);
        Assert.Matches("name=\"csrf-token\" content=\"[^\"]{20,}\"", page);
        var files = DashboardFiles.Paths().Where(p => !p.EndsWith(".html", StringComparison.Ordinal)).ToList();
        Assert.Contains("lib/html.js", files);
        Assert.Contains("views/campaign/attempts.js", files);
        foreach (var asset in files)
        {
            using var response = await server.Client.GetAsync("assets/" + asset);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var text = await response.Content.ReadAsStringAsync();
            Assert.DoesNotMatch(@"(src|href)\s*=\s*[""']?(https?:)?//|url\(\s*['""]?(https?:)?//|import\s.*https?://|import\(\s*['""`]https?:|fetch\(\s*['""]https?:", text);
        }
        Assert.DoesNotMatch(@"(src|href)\s*=\s*[""'](https?:)?//", page);
        using var missing = await server.Client.GetAsync("assets/nothing.js");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        using var outside = await server.Client.GetAsync("assets/lib/..%2F..%2Fappsettings.json");
        Assert.Equal(HttpStatusCode.NotFound, outside.StatusCode);
    }

    [Fact]
    public async Task Everything_moves_under_a_prefix()
    {
        await using var server = await ApiServer.StartAsync(postgres, prefix: "/autodialer");
        // The client's base address already ends in /autodialer/; without the slash the page is sent there, so that its
        // relative URLs (assets/…, api/…) resolve under the prefix.
        Assert.Contains("src=\"assets/app.js\"", await server.Client.GetStringAsync(""));
        using (var slashless = await server.Client.GetAsync(new Uri(server.Address, "/autodialer?x=1")))
        {
            Assert.Equal(HttpStatusCode.OK, slashless.StatusCode);
            Assert.Equal("/autodialer/?x=1", slashless.RequestMessage!.RequestUri!.PathAndQuery);
        }
        using (var module = await server.Client.GetAsync("assets/views/campaign.js"))
            Assert.Equal(HttpStatusCode.OK, module.StatusCode);
        await server.GetJsonAsync("api/campaigns");
        await server.GetJsonAsync("healthz");
        await server.GetJsonAsync("openapi/v1.json");
        using var root = await server.Client.GetAsync(new Uri(server.Address, "/api/campaigns"));
        Assert.Equal(HttpStatusCode.NotFound, root.StatusCode);
    }
}
