using System.Net;
using System.Text.Json;
using AutoDialer.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AutoDialer.AspNetCore.Tests;

[Collection("postgres")]
public sealed class LiveFeedTests(PostgresFixture postgres) : IAsyncLifetime
{
    private ApiServer server = null!;

    public async Task InitializeAsync() => server = await ApiServer.StartAsync(postgres);
    public async Task DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task The_event_stream_sends_a_snapshot_at_once_and_another_when_the_campaign_changes()
    {
        var id = await server.CreateCampaignAsync("live");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var response = await server.Client.GetAsync($"api/events?topics=campaigns,campaign:{id}", HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(timeout.Token));

        var first = await NextEventAsync(reader, $"campaign:{id}", timeout.Token);
        Assert.Equal("draft", first.GetProperty("progress").GetProperty("state").GetString());
        Assert.Equal(24, first.GetProperty("hours").GetArrayLength());

        await server.PostJsonAsync($"api/campaigns/{id}/start", null, HttpStatusCode.OK);
        var next = await NextEventAsync(reader, $"campaign:{id}", timeout.Token);
        Assert.Equal("running", next.GetProperty("progress").GetProperty("state").GetString());
    }

    [Fact]
    public async Task An_open_stream_ends_when_the_host_stops_instead_of_holding_the_shutdown()
    {
        // A shutdown timeout far longer than the test waits: only a stream that ends by itself lets the stop finish.
        await using var stopping = await ApiServer.StartAsync(postgres, services: s => s.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromMinutes(10)));
        using var response = await stopping.Client.GetAsync("api/events?topics=campaigns", HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        await NextEventAsync(reader, "campaigns", CancellationToken.None);

        await stopping.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromMinutes(1));

        using var drained = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        while (await reader.ReadLineAsync(drained.Token) is not null) { }
    }

    [Fact]
    public async Task Unknown_topics_are_refused()
    {
        await server.GetJsonAsync("api/events?topics=weather", HttpStatusCode.BadRequest);
        await server.GetJsonAsync("api/events", HttpStatusCode.BadRequest);
    }

    private static async Task<JsonElement> NextEventAsync(StreamReader reader, string topic, CancellationToken cancellationToken)
    {
        string? name = null;
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.StartsWith("event: ", StringComparison.Ordinal)) name = line[7..];
            else if (line.StartsWith("data: ", StringComparison.Ordinal) && name == topic) return JsonDocument.Parse(line[6..]).RootElement.Clone();
        }
        throw new EndOfStreamException();
    }
}
