using AutoDialer.AspNetCore;
using AutoDialer.AspNetCore.Bridge;
using AutoDialer.Telephony.Meiqia;
using AutoDialer.Telephony.Udesk;
using AutoDialer.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace AutoDialer.Bridge.Tests.Support;

/// <summary>
/// A real Kestrel host on 127.0.0.1 with a fresh PostgreSQL database, <c>AddAutoDialer</c> +
/// <c>AddAutoDialerBridge</c>, a Udesk account and a Meiqia account (its Open API being a <see cref="StubOpenApi"/>),
/// the stand-in SDKs served for the browser (the sample pages are the host's own, <c>/samples/…</c>).
/// </summary>
public sealed class BridgeHost : IAsyncDisposable
{
    public const string UdeskAccount = "udesk-test";
    public const string MeiqiaAccount = "meiqia-test";
    public const string UdeskAppId = "app-test-1";
    public const string UdeskAppSecret = "udesk-secret-5b1e9c";

    /// <summary>
    /// A request with this header is treated as coming from that address (to test non-local callers): the host believes a
    /// proxy on this machine (<c>AutoDialer:ForwardedHeaders</c>), as behind a reverse proxy on the same host.
    /// </summary>
    public const string RemoteIpHeader = "X-Forwarded-For";

    private readonly WebApplication _app;

    private BridgeHost(WebApplication app, StubOpenApi meiqia, LogRecorder logs, NpgsqlDataSource database)
    {
        _app = app;
        Meiqia = meiqia;
        Logs = logs;
        Database = database;
    }

    public Uri BaseUrl { get; private set; } = null!;

    public StubOpenApi Meiqia { get; }

    public LogRecorder Logs { get; }

    public NpgsqlDataSource Database { get; }

    public IServiceProvider Services => _app.Services;

    internal UdeskCallCenter Udesk => Services.GetRequiredService<UdeskCallCenter>();

    internal MeiqiaCallCenter MeiqiaCenter => Services.GetRequiredService<MeiqiaCallCenter>();

    public static async Task<BridgeHost> StartAsync(
        PostgresFixture postgres,
        IDictionary<string, string?>? settings = null,
        Action<IServiceCollection>? services = null)
    {
        var database = await postgres.CreateDatabaseAsync("bridge");
        var meiqia = await StubOpenApi.StartAsync();
        // A new token for every login, as a real login would give.
        meiqia.On(MeiqiaOpenApiClient.LoginPath, context => Results.Json(new { Token = $"mq-sdk-{Guid.NewGuid():N}", ExpireTime = "7200" }).ExecuteAsync(context));
        meiqia.OnJson(MeiqiaOpenApiClient.AgentsPath, 200, "[]");

        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var logs = new LogRecorder();
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Debug);
        builder.Logging.AddProvider(logs);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"{AutoDialerOptions.Section}:ConnectionString"] = postgres.ConnectionStringOf(database),
            ["AutoDialer:Bridge:SigningKey"] = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray()),
            ["AutoDialer:Bridge:NodeId"] = "test-node",
            ["AutoDialer:Udesk:AccountId"] = UdeskAccount,
            ["AutoDialer:Udesk:AppId"] = UdeskAppId,
            ["AutoDialer:Udesk:AppSecret"] = UdeskAppSecret,
            ["AutoDialer:Udesk:Domain"] = "wss://udesk.invalid/ws",
            ["AutoDialer:Udesk:HttpDomain"] = "https://udesk.invalid/backend",
            ["AutoDialer:Meiqia:AccountId"] = MeiqiaAccount,
            ["AutoDialer:Meiqia:BaseUrl"] = meiqia.BaseUrl.ToString(),
            ["AutoDialer:Meiqia:AccessToken"] = StubOpenApi.AccessToken,
            ["AutoDialer:Meiqia:Resilience:RetryDelay"] = "00:00:00.020",
            ["AutoDialer:ForwardedHeaders:KnownProxies:0"] = "127.0.0.1",
        });
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        builder.Services.AddAutoDialer(builder.Configuration).AddAutoDialerServer();
        services?.Invoke(builder.Services);

        var app = builder.Build();
        app.MapAutoDialerBridge();
        // A stand-in SDK is the fake call center followed by the vendor's surface, as one script like the real SDK.
        app.MapGet("/standins/{vendor}.js", async (string vendor) =>
            await StandInScripts.ReadAsync(vendor) is { } script ? Results.Text(script, "text/javascript; charset=utf-8") : Results.NotFound());

        await app.StartAsync();
        var host = new BridgeHost(app, meiqia, logs, database);
        host.BaseUrl = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return host;
    }

    /// <summary>A graceful stop, as on SIGTERM.</summary>
    public Task StopAsync() => _app.StopAsync();

    public HttpClient CreateClient() => new() { BaseAddress = BaseUrl };

    public Uri Url(string pathAndQuery) => new(BaseUrl, pathAndQuery);

    /// <summary>The Udesk sample workbench for an agent, over the stand-in SDK.</summary>
    public string UdeskWorkbench(string agentId) =>
        Url($"/samples/workbench-udesk.html?agent={agentId}&sdk=/standins/udesk.js&account={UdeskAccount}").ToString();

    public string MeiqiaWorkbench(string agentId) =>
        Url($"/samples/workbench-meiqia.html?agent={agentId}&sdk=/standins/meiqia.js&account={MeiqiaAccount}").ToString();

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        await Meiqia.DisposeAsync();
    }
}
