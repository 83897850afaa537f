using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using AutoDialer.AspNetCore.Api;
using AutoDialer.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace AutoDialer.AspNetCore.Tests;

/// <summary>
/// A real AutoDialer host for a test: Kestrel on 127.0.0.1 with a free port, its own fresh database on the test run's
/// PostgreSQL, its own upload folder; configured the way an application would (configuration keys, DI overrides).
/// </summary>
internal sealed class ApiServer : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly TemporaryDirectory dataDirectory;

    private ApiServer(WebApplication app, NpgsqlDataSource db, TemporaryDirectory dataDirectory, Uri address, JobOutcomes jobs)
    {
        this.app = app;
        this.dataDirectory = dataDirectory;
        Db = db;
        Address = address;
        Jobs = jobs;
        Client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(60) };
    }

    public NpgsqlDataSource Db { get; }
    public Uri Address { get; }
    public HttpClient Client { get; }
    public IServiceProvider Services => app.Services;
    public JobOutcomes Jobs { get; }
    public string DataDirectory => dataDirectory.Path;

    public static async Task<ApiServer> StartAsync(PostgresFixture postgres, IDictionary<string, string?>? settings = null,
        Action<IServiceCollection>? services = null, string prefix = "") =>
        await (await BuildAsync(postgres, settings, services, prefix)).StartAsync();

    /// <summary>A host built and mapped, not started: for tests of what happens between building and starting.</summary>
    public static async Task<Unstarted> BuildAsync(PostgresFixture postgres, IDictionary<string, string?>? settings = null,
        Action<IServiceCollection>? services = null, string prefix = "")
    {
        var db = await postgres.CreateDatabaseAsync("api");
        var data = new TemporaryDirectory("autodialer-api-data-", TemporaryDirectory.Private);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders().AddSimpleConsole().SetMinimumLevel(LogLevel.Warning);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AutoDialer:ConnectionString"] = postgres.ConnectionStringOf(db),
            ["AutoDialer:DataDirectory"] = data.Path,
            ["AutoDialer:ImportRetries"] = "1",
            ["AutoDialer:ImportRetryDelay"] = "00:00:00.200",
            ["AutoDialer:LiveUpdateInterval"] = "00:00:00.200",
        });
        if (settings is not null) builder.Configuration.AddInMemoryCollection(settings);
        // No simulated call center (it is opt-in): API tests seed what they read, and one dialling beside them would change it.
        builder.AddAutoDialer().AddAutoDialerServer();
        var jobs = JobOutcomes.AddTo(builder.Services);
        services?.Invoke(builder.Services);
        var app = builder.Build();
        app.MapAutoDialer(prefix);
        return new Unstarted(app, db, data, jobs, prefix);
    }

    public sealed record Unstarted(WebApplication App, NpgsqlDataSource Db, TemporaryDirectory Data, JobOutcomes Jobs, string Prefix)
    {
        public async Task<ApiServer> StartAsync()
        {
            await App.StartAsync();
            var address = App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            return new ApiServer(App, Db, Data, new Uri(address.TrimEnd('/') + Prefix + "/"), Jobs);
        }
    }

    private int disposed;

    /// <summary>Stops the host and cleans up; a second call does nothing (a test may stop it early).</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 1) return;
        Client.Dispose();
        await app.StopAsync();
        await app.DisposeAsync();
        dataDirectory.Dispose();
    }

    // ---- conveniences over the API's own JSON ----

    public static StringContent Json(object body) =>
        new(JsonSerializer.Serialize(body, ApiJson.Options), Encoding.UTF8, "application/json");

    public static StringContent RawJson(string json) => new(json, Encoding.UTF8, "application/json");

    public async Task<JsonElement> GetJsonAsync(string path, System.Net.HttpStatusCode expected = System.Net.HttpStatusCode.OK)
    {
        using var response = await Client.GetAsync(path);
        return await ReadAsync(response, expected);
    }

    public async Task<JsonElement> PostJsonAsync(string path, object? body, System.Net.HttpStatusCode expected)
    {
        using var response = await Client.PostAsync(path, body is null ? null : body as HttpContent ?? Json(body));
        return await ReadAsync(response, expected);
    }

    public static async Task<JsonElement> ReadAsync(HttpResponseMessage response, System.Net.HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    public async Task<long> CreateCampaignAsync(string name, object? settings = null)
    {
        var created = await PostJsonAsync("api/campaigns", settings is null ? new { name } : new { name, settings }, System.Net.HttpStatusCode.Created);
        return created.GetProperty("id").GetInt64();
    }

    public static MultipartFormDataContent FileForm(byte[] bytes, string fileName, string field = "file")
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, field, fileName);
        return form;
    }

    /// <summary>Uploads a list and waits for its import job to finish (awaiting the job filter, not polling).</summary>
    public async Task<JsonElement> UploadAndImportAsync(long campaignId, byte[] bytes, string fileName)
    {
        using var response = await Client.PostAsync($"api/campaigns/{campaignId}/uploads", FileForm(bytes, fileName));
        var upload = await ReadAsync(response, System.Net.HttpStatusCode.Accepted);
        var id = upload.GetProperty("id").GetInt64();
        await Jobs.UntilFinishedAsync($"upload-{id}", TimeSpan.FromSeconds(60));
        return await GetJsonAsync($"api/uploads/{id}");
    }
}
